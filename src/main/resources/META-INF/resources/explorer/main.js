// The chain explorer: find a party, see who it accused and who accused it, open an action's response tree.
// Its state is the URL (?party=<id>&action=<id>), so a shared link opens the same view.

import { ACTION, PARTY, SEARCH, consoleLink, graphql } from './api.js';
import { KIND_COLOURS, datetimeAttribute, formatDate, kindColour, kindLabel } from './format.js';
import { drawGraph, markAction } from './graph.js';

const $ = (id) => document.getElementById(id);

/** A DOM element with attributes and children; text is always set as text, never parsed as HTML. */
function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  return fill(element, ...children);
}

/** Replaces an element's children; nested lists are flattened, null and undefined left out. */
function fill(element, ...children) {
  element.replaceChildren(...children.flat(Infinity).filter((child) => child !== null && child !== undefined));
  return element;
}

const view = { party: null, graph: null };

function readUrl() {
  const parameters = new URLSearchParams(location.search);
  return { party: parameters.get('party'), action: parameters.get('action') };
}

function href(state) {
  const parameters = new URLSearchParams();
  if (state.party) parameters.set('party', state.party);
  if (state.action) parameters.set('action', state.action);
  const search = parameters.toString();
  return search ? `?${search}` : location.pathname;
}

/** Goes to a state as a link would, without reloading the page. */
function go(state, focusId) {
  history.pushState(null, '', href(state));
  render(readUrl()).then(() => focusId && $(focusId).focus());
}

/** Links within the page are ordinary links (they open in a new tab, they can be copied) that navigate in place. */
function link(state, text, attributes = {}) {
  return h('a', { href: href(state), ...attributes, onclick: (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    go(state, state.action ? 'action-heading' : 'party-name');
  } }, text);
}

function say(message, isError = false) {
  $('status').textContent = message;
  $('status').classList.toggle('error', isError);
}

// ---- Search --------------------------------------------------------------------------------------------------

const search = $('party-search');
const results = $('party-results');
let searchSeq = 0;
let searchTimer;

function options() {
  return [...results.querySelectorAll('[role=option]')];
}

function closeResults() {
  results.hidden = true;
  search.setAttribute('aria-expanded', 'false');
  search.removeAttribute('aria-activedescendant');
}

function setActive(index) {
  const all = options();
  all.forEach((option, i) => option.setAttribute('aria-selected', String(i === index)));
  if (all[index]) {
    search.setAttribute('aria-activedescendant', all[index].id);
    all[index].scrollIntoView({ block: 'nearest' });
  }
}

function choose(partyId) {
  closeResults();
  search.value = '';
  go({ party: partyId }, 'party-name');
}

async function runSearch() {
  const text = search.value.trim();
  const seq = ++searchSeq;
  if (!text) {
    closeResults();
    return;
  }
  try {
    const data = await graphql(SEARCH, { search: text });
    if (seq !== searchSeq) return; // a later keystroke has its own answer coming
    const parties = data.parties.edges.map((edge) => edge.node);
    fill(results, ...(parties.length ? parties.map((party) => h('li', {
      id: `party-option-${party.id}`, role: 'option', 'aria-selected': 'false', 'data-party': party.id,
      onmousedown: (event) => { event.preventDefault(); choose(party.id); },
    }, h('span', { class: 'name' }, party.name),
    h('span', { class: 'kind' }, kindLabel(party.kind)),
    party.aliases.length ? h('span', { class: 'aliases' }, `also ${party.aliases.join(', ')}`) : null))
      : [h('li', { class: 'none' }, `No party goes by "${text}"`)]));
    results.hidden = false;
    search.setAttribute('aria-expanded', 'true');
    if (parties.length) setActive(0);
  } catch (failure) {
    if (seq === searchSeq) say(`Search failed: ${failure.message}`, true);
  }
}

search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(runSearch, 150);
});

search.addEventListener('keydown', (event) => {
  const all = options();
  const active = all.findIndex((option) => option.getAttribute('aria-selected') === 'true');
  if (event.key === 'ArrowDown' && all.length) {
    event.preventDefault();
    setActive(Math.min(active + 1, all.length - 1));
  } else if (event.key === 'ArrowUp' && all.length) {
    event.preventDefault();
    setActive(Math.max(active - 1, 0));
  } else if (event.key === 'Enter' && active >= 0 && !results.hidden) {
    event.preventDefault();
    choose(all[active].dataset.party);
  } else if (event.key === 'Escape') {
    closeResults();
  }
});

search.addEventListener('blur', closeResults);

// ---- A party: facts, graph, timeline --------------------------------------------------------------------------

function when(action) {
  return h('time', { datetime: datetimeAttribute(action.occurredOn, action.datePrecision) },
    formatDate(action.occurredOn, action.datePrecision));
}

function kindBadge(kind) {
  return h('span', { class: 'kind-badge', style: `--kind: ${kindColour(kind)}` }, kindLabel(kind));
}

function partyLinks(parties) {
  if (!parties.length) return h('span', { class: 'none' }, 'none');
  return parties.flatMap((party, i) => [i ? ', ' : '', link({ party: party.id }, party.name)]);
}

/** Earliest first; an action without a date goes last, since nothing says where it belongs. */
function byDate(a, b) {
  if (!a.occurredOn || !b.occurredOn) return (a.occurredOn ? 0 : 1) - (b.occurredOn ? 0 : 1);
  return a.occurredOn.localeCompare(b.occurredOn);
}

async function showParty(partyId) {
  const data = await graphql(PARTY, { id: partyId });
  if (!data.party) throw new Error(`there is no party with id ${partyId}`);
  const party = data.party;
  const actions = party.actions.edges.map((edge) => edge.node).sort(byDate);
  view.party = { id: party.id, actions };
  document.title = `${party.name}: Attribution Graph`;
  $('party-name').textContent = party.name;
  fill($('party-facts'), 
    h('span', { class: 'party-kind' }, kindLabel(party.kind)),
    party.country ? ` · ${party.country}` : '',
    party.partOf ? [' · part of ', link({ party: party.partOf.id }, party.partOf.name)] : '',
    party.aliases.length ? ` · also known as ${party.aliases.join(', ')}` : '',
    ` · ${party.actions.totalCount} action${party.actions.totalCount === 1 ? '' : 's'}`,
    party.actions.totalCount > actions.length ? ` (the ${actions.length} first shown)` : '');
  $('graph').setAttribute('aria-label', `Graph of the parties ${party.name} accused or acted on, and that acted on it`);
  if (view.graph) view.graph.destroy();
  view.graph = drawGraph($('graph'), party, actions, {
    onAction: (actionId) => go({ party: party.id, action: actionId }, 'action-heading'),
    onParty: (otherId) => otherId !== party.id && go({ party: otherId }, 'party-name'),
  });
  window.explorerGraph = view.graph; // for scripting the page (and its browser tests) from outside
  fill($('legend'), ...Object.keys(KIND_COLOURS)
    .filter((kind) => actions.some((action) => action.kind === kind))
    .map((kind) => h('li', {}, h('span', { class: 'swatch', style: `--kind: ${kindColour(kind)}` }), kindLabel(kind))));
  fill($('timeline'), ...actions.map((action) => h('li', { 'data-action': action.id },
    when(action), ' ', kindBadge(action.kind), ' ',
    link({ party: party.id, action: action.id }, action.title, { class: 'action-link' }))));
}

// ---- An action and its response tree --------------------------------------------------------------------------

function citations(action) {
  return h('div', { class: 'citations' }, action.citations.map((citation) => h('figure', { class: 'citation' },
    h('figcaption', {},
      h('strong', { class: 'publisher' }, citation.source.publisher), ' ',
      citation.source.url ? h('a', { href: citation.source.url, rel: 'noreferrer' }, citation.source.title)
        : h('cite', {}, citation.source.title),
      citation.source.publishedOn ? [' · ', formatDate(citation.source.publishedOn, 'DAY')] : ''),
    h('blockquote', {}, citation.excerpt || 'cites this source without an excerpt'))));
}

function actionCard(action, depth, partyId) {
  return h('li', { class: 'thread-entry', style: `--depth: ${depth}`, 'data-action': action.id, 'data-kind': action.kind },
    h('article', {},
      h('h3', {}, kindBadge(action.kind), ' ', h('span', { class: 'title' }, action.title)),
      h('p', { class: 'meta' }, when(action)),
      h('dl', {},
        h('dt', {}, 'Actors'), h('dd', { class: 'actors' }, partyLinks(action.actors)),
        h('dt', {}, 'Targets'), h('dd', { class: 'targets' }, partyLinks(action.targets))),
      action.summary ? h('p', { class: 'summary' }, action.summary) : null,
      action.quotes.length ? h('div', { class: 'quotes' }, action.quotes.map((quote) => h('figure', { class: 'quote' },
        h('blockquote', {}, quote.text),
        h('figcaption', { class: 'speaker' }, quote.speaker ? link({ party: quote.speaker.id }, quote.speaker.name)
          : 'unnamed speaker')))) : null,
      h('h4', {}, `Citations (${action.citations.length})`),
      citations(action),
      partyId ? h('p', {}, link({ party: partyId, action: action.id }, 'Open this response', { class: 'open' })) : null));
}

async function showAction(partyId, actionId) {
  const variables = { id: actionId };
  const data = await graphql(ACTION, variables);
  const action = data.action;
  if (!action) throw new Error(`there is no action with id ${actionId}`);
  fill($('action-links'), 
    action.respondsTo ? ['Answers ', kindBadge(action.respondsTo.kind), ' ',
      link({ party: partyId, action: action.respondsTo.id }, action.respondsTo.title), ' · '] : '',
    `${action.thread.length} response${action.thread.length === 1 ? '' : 's'} below it · `,
    h('a', { href: consoleLink(ACTION, variables), id: 'console-link' }, 'Open this query in the GraphQL console'));
  fill($('thread'), actionCard(action, 0, null),
    ...action.thread.map((entry) => actionCard(entry.action, entry.depth, partyId)));
  $('action').hidden = false;
}

// ---- Rendering the URL's state ---------------------------------------------------------------------------------

async function render(state) {
  try {
    if (!state.party) {
      $('explorer').hidden = true;
      say('Search for a party to see whom it accused, who accused it, and how each side answered.');
      return;
    }
    say('Loading…');
    $('explorer').hidden = false;
    if (!view.party || view.party.id !== state.party) {
      $('action').hidden = true;
      await showParty(state.party);
    }
    if (state.action) {
      await showAction(state.party, state.action);
    } else {
      $('action').hidden = true;
    }
    markAction(view.graph, state.action);
    document.querySelectorAll('#timeline li').forEach((item) =>
      item.classList.toggle('chosen', item.dataset.action === state.action));
    say('');
  } catch (failure) {
    say(`Could not load: ${failure.message}`, true);
  }
}

window.addEventListener('popstate', () => render(readUrl()));
render(readUrl());
