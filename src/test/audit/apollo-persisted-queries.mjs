// Apollo Client's own persisted-query link against a running service, as a frontend uses it: queries sent as their
// hash over GET (useGETForHashedQueries). Prints every HTTP exchange and the check, and exits 1 if the link did not
// get its answers as the protocol has it: hash-only GET, PERSISTED_QUERY_NOT_FOUND, retry with the text by POST; then,
// from a fresh client, the hash alone over GET answered with an ETag. Usage: node apollo-persisted-queries.mjs <url>
import { createHash, randomUUID } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';

const url = process.argv[2];
const exchanges = [];

async function recordingFetch(uri, options) {
  const response = await fetch(uri, options);
  const body = typeof options.body === 'string' ? JSON.parse(options.body) : null;
  const params = new URL(uri).searchParams;
  exchanges.push({
    method: options.method ?? 'POST',
    sentQuery: body ? 'query' in body : params.has('query'),
    sentHash: JSON.stringify(body?.extensions ?? params.get('extensions') ?? '').includes('sha256Hash'),
    status: response.status,
    etag: response.headers.get('etag'),
  });
  return response;
}

function client() {
  const sha256 = (text) => createHash('sha256').update(text).digest('hex');
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: createPersistedQueryLink({ sha256, useGETForHashedQueries: true })
      .concat(new HttpLink({ uri: url, fetch: recordingFetch })),
  });
}

// a name no earlier run registered, so that the first try misses
const operation = `Party${randomUUID().replaceAll('-', '')}`;
const query = gql(`query ${operation}($name: String!) { partyByName(name: $name) { name } }`);
const first = await client().query({ query, variables: { name: 'MSS' }, fetchPolicy: 'network-only' });
const second = await client().query({ query, variables: { name: 'MSS' }, fetchPolicy: 'network-only' });

const expected = [
  { method: 'GET', sentQuery: false, sentHash: true, status: 400 },
  { method: 'POST', sentQuery: true, sentHash: true, status: 200 },
  { method: 'GET', sentQuery: false, sentHash: true, status: 200 },
];
const name = "China's Ministry of State Security";
const ok = first.data.partyByName.name === name && second.data.partyByName.name === name
  && exchanges.length === expected.length
  && expected.every((want, i) => Object.entries(want).every(([key, value]) => exchanges[i][key] === value))
  && exchanges[2].etag !== null;
console.log(JSON.stringify({ exchanges, first: first.data, second: second.data, ok }, null, 2));
process.exit(ok ? 0 : 1);
