// The party's neighbourhood drawn with Cytoscape.js (served from its WebJar): parties as nodes, actions as arrows
// from actor to target. Cytoscape lays it out; nothing here places a node by hand.

import { kindColour } from './format.js';

/**
 * The edges of a party's graph: every action it took, to each of its targets, and every action taken against it,
 * from each of its actors. An action with several actors and targets gives one arrow per pair that touches the party.
 */
export function partyEdges(party, actions) {
  const edges = [];
  for (const action of actions) {
    const actsIn = action.actors.some((actor) => actor.id === party.id);
    const targeted = action.targets.some((target) => target.id === party.id);
    const pairs = [];
    if (actsIn) {
      action.targets.forEach((target) => pairs.push([party, target]));
    }
    if (targeted) {
      action.actors.filter((actor) => actor.id !== party.id).forEach((actor) => pairs.push([actor, party]));
    }
    pairs.forEach(([from, to]) => edges.push({ action, from, to }));
  }
  return edges;
}

/** Draws the graph into the container; onAction(actionId) and onParty(partyId) are called when one is clicked. */
export function drawGraph(container, party, actions, { onAction, onParty }) {
  const nodes = new Map([[party.id, { data: { id: `p${party.id}`, partyId: party.id, label: party.name, focus: 1 } }]]);
  const edges = partyEdges(party, actions).map(({ action, from, to }, index) => {
    for (const other of [from, to]) {
      if (!nodes.has(other.id)) {
        nodes.set(other.id, { data: { id: `p${other.id}`, partyId: other.id, label: other.name, focus: 0 } });
      }
    }
    return {
      data: {
        id: `e${index}`, source: `p${from.id}`, target: `p${to.id}`, actionId: action.id, kind: action.kind,
        title: action.title, colour: kindColour(action.kind),
      },
    };
  });
  const graph = window.cytoscape({
    container,
    elements: [...nodes.values(), ...edges],
    layout: { name: 'concentric', concentric: (node) => node.data('focus'), levelWidth: () => 1, minNodeSpacing: 20,
      spacingFactor: 0.75, animate: false, padding: 20 },
    minZoom: 0.3,
    maxZoom: 1.5,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: {
        label: 'data(label)', 'font-size': 14, 'text-wrap': 'wrap', 'text-max-width': 130, 'text-valign': 'bottom',
        'text-margin-y': 4, 'background-color': '#5b6770', width: 18, height: 18, color: '#1d2329',
        'text-background-color': '#fbfcfd', 'text-background-opacity': 0.85, 'text-background-padding': 2 } },
      { selector: 'node[focus = 1]', style: {
        shape: 'round-rectangle', 'background-color': '#1d2329', color: '#fff', 'font-weight': 'bold', 'font-size': 15,
        'text-valign': 'center', 'text-margin-y': 0, 'text-background-opacity': 0, 'text-max-width': 170, width: 180,
        height: 52 } },
      { selector: 'edge', style: {
        width: 2.5, 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle',
        'curve-style': 'bezier', 'arrow-scale': 1.2 } },
      { selector: 'edge.chosen', style: { width: 6, 'z-index': 10 } },
      { selector: 'edge:active, node:active', style: { 'overlay-opacity': 0.15 } },
    ],
  });
  graph.on('tap', 'edge', (event) => onAction(event.target.data('actionId')));
  graph.on('tap', 'node', (event) => onParty(event.target.data('partyId')));
  graph.on('mouseover', 'edge, node', () => { container.style.cursor = 'pointer'; });
  graph.on('mouseout', 'edge, node', () => { container.style.cursor = ''; });
  return graph;
}

/** Marks the arrows of the chosen action. */
export function markAction(graph, actionId) {
  graph.edges().removeClass('chosen');
  if (actionId) {
    graph.edges().filter((edge) => edge.data('actionId') === actionId).addClass('chosen');
  }
}
