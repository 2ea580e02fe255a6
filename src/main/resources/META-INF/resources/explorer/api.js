// The explorer reads the public GraphQL API at /graphql and nothing else, as any frontend would.

const ENDPOINT = new URL('../graphql', import.meta.url);

/** Runs a query; resolves to its data, rejects with the API's own error message. */
export async function graphql(query, variables) {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch (notJson) {
    throw new Error(`the service answered ${response.status} ${response.statusText}`);
  }
  if (body.errors && body.errors.length) {
    throw new Error(body.errors.map((error) => error.message).join('; '));
  }
  return body.data;
}

export const SEARCH = `query SearchParties($search: String!) {
  parties(search: $search, first: 10) { edges { node { id name kind aliases } } }
}`;

export const PARTY = `query PartyGraph($id: ID!) {
  party(id: $id) {
    id name kind country aliases
    partOf { id name }
    actions(first: 100) {
      totalCount
      edges { node {
        id kind title occurredOn datePrecision
        actors { id name }
        targets { id name }
      } }
    }
  }
}`;

export const ACTION = `query ActionThread($id: ID!) {
  action(id: $id) {
    ...ActionDetail
    respondsTo { id kind title }
    thread(maxDepth: 50) { depth action { ...ActionDetail } }
  }
}

fragment ActionDetail on Action {
  id kind title summary occurredOn datePrecision
  actors { id name }
  targets { id name }
  quotes { text speaker { id name } }
  citations { excerpt source { id publisher title url publishedOn } }
}`;

/**
 * A link that opens the query in the GraphiQL console, which reads ?query= and ?variables= with decodeURIComponent:
 * spaces must be %20 there, not the + that URLSearchParams writes.
 */
export function consoleLink(query, variables) {
  const graphiql = new URL('../q/graphql-ui/', import.meta.url);
  return `${graphiql.pathname}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables))}`;
}
