// For bench/postgraphile.sh: writes PostGraphile's equivalent of each of the benchmark's requests, then asks both
// services every request and fails unless both answer the same data.
//
//   node equivalent.mjs APP_URL POSTGRAPHILE_URL APP_BODIES_DIR POSTGRAPHILE_BODIES_DIR
//
// APP_BODIES_DIR holds this service's requests (bench/lib.sh's write_bodies: a file per query, a JSON body a line);
// the same files, line for line, are written under POSTGRAPHILE_BODIES_DIR. PostGraphile answers over the tables
// Flyway creates, so each query walks them as this service's API does: a party by its name key (party_name), a
// party's actions through action_participant in action order, participants in position order, responses through
// action.responds_to_id oldest first. Its answer is then brought into this service's shape and compared whole.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";

const [appUrl, postgraphileUrl, appDir, postgraphileDir] = process.argv.slice(2);
if (!postgraphileDir) {
  console.error("usage: node equivalent.mjs APP_URL POSTGRAPHILE_URL APP_BODIES_DIR POSTGRAPHILE_BODIES_DIR");
  process.exit(2);
}

const THREAD_DEPTH = 10;

// the form this service compares names in (PartyName.keyOf): Unicode-normalised, single-spaced, lower case
const keyOf = (name) => name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

const participants = (alias, role) =>
  `${alias}: actionParticipantsByActionId(condition: {role: "${role}"}, orderBy: POSITION_ASC) { nodes { partyByPartyId { name } } }`;
const responses = (fields) => `responses: actionsByRespondsToId(orderBy: PRIMARY_KEY_ASC) { nodes { ${fields} } }`;
const partyActions = (role, fields) =>
  `actionParticipantsByPartyId(condition: {role: "${role}"}, filter: {actionByActionId: {kind: {equalTo: "ATTRIBUTION"}}},`
  + ` orderBy: ACTION_ID_ASC, first: 20) { nodes { actionByActionId { ${fields} } } }`;
const byName = (fields) =>
  `query($nameKey: String!) { partyNameByNameKey(nameKey: $nameKey) { partyByPartyId { ${fields} } } }`;

// the thread's levels written out: each level the fields of a thread entry and the level below
function threadLevels(depth) {
  const entry = `rowId kind title ${participants("actors", "ACTOR")}`;
  return depth === 0 ? "" : responses(`${entry} ${threadLevels(depth - 1)}`);
}

const names = (connection) => connection.nodes.map((node) => ({ name: node.partyByPartyId.name }));
const edges = (connection, node) => ({ edges: connection.nodes.map((each) => ({ node: node(each.actionByActionId) })) });

// Per query: PostGraphile's request for this service's variables, and its answer's data in this service's shape.
const QUERIES = {
  typename: {
    request: () => ({ query: "{__typename}" }),
    shape: (data) => data,
  },
  party_by_name: {
    request: ({ name }) => ({
      query: byName(`rowId name kind country
        partyNamesByPartyId(condition: {alias: true}, orderBy: PRIMARY_KEY_ASC) { nodes { name } }
        partyByPartOfId { name }`),
      variables: { nameKey: keyOf(name) },
    }),
    shape: (data) => {
      const party = data.partyNameByNameKey?.partyByPartyId ?? null;
      return {
        partyByName: party && {
          id: party.rowId, name: party.name, kind: party.kind, country: party.country,
          aliases: party.partyNamesByPartyId.nodes.map((alias) => alias.name), partOf: party.partyByPartOfId,
        },
      };
    },
  },
  accusations: {
    request: ({ name }) => ({
      query: byName(`name ${partyActions("TARGET",
        `rowId title occurredOn ${participants("actors", "ACTOR")} ${participants("targets", "TARGET")}`)}`),
      variables: { nameKey: keyOf(name) },
    }),
    shape: (data) => {
      const party = data.partyNameByNameKey?.partyByPartyId ?? null;
      return {
        partyByName: party && {
          name: party.name,
          actions: edges(party.actionParticipantsByPartyId, (action) => ({
            id: action.rowId, title: action.title, occurredOn: action.occurredOn,
            actors: names(action.actors), targets: names(action.targets),
          })),
        },
      };
    },
  },
  accuser_accused_response: {
    request: ({ name }) => {
      const response = (below) => `rowId kind title ${participants("actors", "ACTOR")} ${below}`;
      return {
        query: byName(`name ${partyActions("ACTOR",
          `rowId title ${participants("targets", "TARGET")} ${responses(response(responses(response(""))))}`)}`),
        variables: { nameKey: keyOf(name) },
      };
    },
    shape: (data) => {
      const party = data.partyNameByNameKey?.partyByPartyId ?? null;
      const response = (action, deeper) => ({
        id: action.rowId, kind: action.kind, title: action.title, actors: names(action.actors),
        ...(deeper ? { responses: action.responses.nodes.map((each) => response(each, false)) } : {}),
      });
      return {
        partyByName: party && {
          name: party.name,
          actions: edges(party.actionParticipantsByPartyId, (action) => ({
            id: action.rowId, title: action.title, targets: names(action.targets),
            responses: action.responses.nodes.map((each) => response(each, true)),
          })),
        },
      };
    },
  },
  thread: {
    request: ({ id }) => ({
      query: `query($rowId: BigInt!) { actionByRowId(rowId: $rowId) { title ${threadLevels(THREAD_DEPTH)} } }`,
      variables: { rowId: id },
    }),
    shape: (data) => {
      const root = data.actionByRowId;
      if (!root) {
        return { action: null };
      }
      // depth-first, siblings oldest first: this service's thread order
      const thread = [];
      const walk = (action, depth) => action.responses?.nodes.forEach((each) => {
        thread.push({ depth, action: { id: each.rowId, kind: each.kind, title: each.title, actors: names(each.actors) } });
        walk(each, depth + 1);
      });
      walk(root, 1);
      return { action: { title: root.title, thread } };
    },
  },
};

async function ask(url, body) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  const answer = JSON.parse(text);
  if (answer.errors) {
    throw new Error(`${url} answered with errors: ${text.slice(0, 500)}`);
  }
  return answer.data;
}

// key order does not matter in JSON objects; everything else does
const sorted = (value) => Array.isArray(value) ? value.map(sorted)
  : value && typeof value === "object" ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]))
  : value;

mkdirSync(postgraphileDir, { recursive: true });
let compared = 0;
for (const [name, query] of Object.entries(QUERIES)) {
  const appBodies = readFileSync(join(appDir, name), "utf8").split("\n").filter((line) => line.trim());
  const postgraphileBodies = appBodies.map((body) => JSON.stringify(query.request(JSON.parse(body).variables ?? {})));
  writeFileSync(join(postgraphileDir, name), postgraphileBodies.join("\n") + "\n");
  for (let i = 0; i < appBodies.length; i++) {
    const expected = sorted(await ask(appUrl, appBodies[i]));
    const actual = sorted(query.shape(await ask(postgraphileUrl, postgraphileBodies[i])));
    if (!isDeepStrictEqual(expected, actual)) {
      console.error(`${name}, request ${i + 1}: the answers differ\nthis service: ${JSON.stringify(expected).slice(0, 2000)}`
        + `\nPostGraphile, reshaped: ${JSON.stringify(actual).slice(0, 2000)}`);
      process.exit(1);
    }
    compared++;
  }
  const size = JSON.stringify(await ask(appUrl, appBodies[0])).length;
  console.error(`${name}: both answer the same data (${appBodies.length} request(s), ${size} characters of data)`);
}
console.error(`all ${compared} requests answered alike`);
