// PostGraphile as bench/postgraphile.sh runs it: its recommended preset (Amber) over the public schema Flyway
// creates, plus the connection filter, so that a party's actions can be filtered by the action's kind as this
// service's actions(role:, kind:) does. Nothing else is added to the database: no functions, views or indexes.
// DATABASE_URL names the database; PGUSER and PGPASSWORD the role (node-postgres reads them).
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  // Amber offers ordering and conditions only on indexed columns; participants are ordered by position and names
  // picked by alias, which no index leads with (PostgreSQL sorts a handful of rows, as for this service). This is
  // PostGraphile 4's default; its v4 preset drops the same plugin.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  schema: {
    // filtering a participant row by its action's kind
    connectionFilterRelations: true,
  },
  grafserv: {
    // no GraphiQL, no watch mode: a production server
    graphiql: false,
    watch: false,
  },
};

export default preset;
