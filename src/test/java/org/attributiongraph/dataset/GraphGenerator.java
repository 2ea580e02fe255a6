package org.attributiongraph.dataset;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.attributiongraph.action.ActionKind;
import org.attributiongraph.action.DatePrecision;
import org.attributiongraph.party.PartyKind;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * Writes a synthetic attribution graph in the dataset file format, for load tests and benchmarks. The same
 * seed and sizes always give the same bytes (java.util.Random's sequence is fixed by its specification, and
 * nothing here iterates a hash), so a benchmark run can be repeated on another machine.
 *
 * <p>
 * Shapes it aims for: states with bodies, threat groups and people under them; most threads are an intrusion
 * with one to three answers; a few (the first threads written) are deep and wide; who gets accused is skewed,
 * so the low-numbered threat groups ("Threat Group 1") and the bodies behind them draw far more accusations. Every thread starts with the only
 * INTRUSION in it, so the first INTRUSIONs in recorded order are the roots of the big threads.
 *
 * <p>
 * Output is streamed: only one thread is held in memory at a time, so a million actions need no large heap.
 *
 * <pre>
 * java -cp 'target/test-classes:target/quarkus-app/app/*:target/quarkus-app/lib/main/*' org.attributiongraph.dataset.GraphGenerator \
 *     --actions 100000 [--parties N] [--seed 1] --out graph-100k.json
 * </pre>
 */
public final class GraphGenerator {

    /** How many threads at the start of the file are the deep and wide ones. */
    public static final int BIG_THREADS = 5;
    private static final int BIG_THREAD_SIZE = 300;
    private static final LocalDate FIRST_DAY = LocalDate.of(2005, 1, 1);
    private static final int DAYS_SPANNED = 20 * 365;

    private final Random random;
    private final int actionCount;
    private final int sourceCount;
    private final Cast cast;

    /** The parties, by kind; index i of a list is the party numbered i + 1 of that kind. */
    private record Cast(List<Integer> stateOfBody, List<Integer> bodyOfGroup, int states, int bodies, int groups,
            int companies, int people, int organizations) {
    }

    public GraphGenerator(long seed, int actions, int parties) {
        if (actions < 1 || parties < 20) {
            throw new IllegalArgumentException("need at least 1 action and 20 parties, got " + actions + " and " + parties);
        }
        this.random = new Random(seed);
        this.actionCount = actions;
        this.sourceCount = Math.max(10, actions / 5);
        this.cast = castOf(parties);
    }

    /** The default number of parties for a number of actions: one per twenty actions, within bounds. */
    public static int defaultParties(int actions) {
        return Math.max(60, Math.min(50_000, actions / 20));
    }

    /** Splits the parties into kinds: few states (at most 26 * 26, one per two-letter code), many groups and people. */
    private Cast castOf(int parties) {
        int states = Math.min(676, Math.max(4, parties / 20));
        int organizations = Math.max(1, parties / 100);
        int bodies = Math.max(states, parties / 5);
        int groups = Math.max(2, parties / 5);
        int companies = Math.max(2, parties / 5);
        int people = parties - states - organizations - bodies - groups - companies;
        List<Integer> stateOfBody = new ArrayList<>(bodies);
        for (int body = 0; body < bodies; body++) {
            // every state has at least one body; the rest go mostly to the first, larger states
            stateOfBody.add(body < states ? body : skewed(states));
        }
        List<Integer> bodyOfGroup = new ArrayList<>(groups);
        for (int group = 0; group < groups; group++) {
            // a third of the groups are not known to answer to anyone; the most active one always is
            bodyOfGroup.add(group > 0 && random.nextInt(3) == 0 ? -1 : skewed(bodies));
        }
        return new Cast(stateOfBody, bodyOfGroup, states, bodies, groups, companies, people, organizations);
    }

    public void write(OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("format", Dataset.FORMAT);
            json.writeNumberField("version", Dataset.VERSION);
            writeSources(json);
            writeParties(json);
            json.writeArrayFieldStart("actions");
            int written = 0;
            for (int thread = 0; written < actionCount; thread++) {
                int size = Math.min(actionCount - written, thread < BIG_THREADS ? bigThreadSize() : ordinaryThreadSize());
                written += writeThread(json, thread, size, thread < BIG_THREADS);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private void writeSources(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("sources");
        for (int i = 1; i <= sourceCount; i++) {
            json.writeStartObject();
            json.writeStringField("key", "source-" + i);
            json.writeStringField("publisher", "Publisher " + (1 + random.nextInt(200)));
            json.writeStringField("title", "Report " + i);
            json.writeStringField("url", random.nextInt(4) == 0 ? null : "https://news.example/report-" + i);
            json.writeStringField("publishedOn", FIRST_DAY.plusDays(random.nextInt(DAYS_SPANNED + 60)).toString());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeParties(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("parties");
        for (int i = 0; i < cast.states(); i++) {
            writeParty(json, stateName(i), PartyKind.STATE, List.of("State " + countryCode(i)), countryCode(i), null);
        }
        for (int i = 0; i < cast.organizations(); i++) {
            writeParty(json, "Organization " + (i + 1), PartyKind.INTERNATIONAL_ORGANIZATION, List.of(), null, null);
        }
        for (int i = 0; i < cast.bodies(); i++) {
            int state = cast.stateOfBody().get(i);
            writeParty(json, bodyName(i), PartyKind.GOVERNMENT_BODY, List.of(), countryCode(state), stateName(state));
        }
        for (int i = 0; i < cast.groups(); i++) {
            int body = cast.bodyOfGroup().get(i);
            writeParty(json, groupName(i), PartyKind.THREAT_GROUP, List.of("TG-" + (i + 1), "Cluster " + (i + 1)),
                    body < 0 ? null : countryCode(cast.stateOfBody().get(body)), body < 0 ? null : bodyName(body));
        }
        for (int i = 0; i < cast.companies(); i++) {
            writeParty(json, companyName(i), PartyKind.COMPANY, List.of(), countryCode(random.nextInt(cast.states())), null);
        }
        for (int i = 0; i < cast.people(); i++) {
            // people speak for a body, a company, or, as hackers, belong to a group
            int where = random.nextInt(3);
            String partOf = where == 0 ? bodyName(random.nextInt(cast.bodies()))
                    : where == 1 ? companyName(random.nextInt(cast.companies())) : groupName(skewed(cast.groups()));
            writeParty(json, personName(i), PartyKind.PERSON, List.of(), null, partOf);
        }
        json.writeEndArray();
    }

    private static void writeParty(JsonGenerator json, String name, PartyKind kind, List<String> aliases, String country,
            String partOf) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("kind", kind.name());
        json.writeArrayFieldStart("aliases");
        for (String alias : aliases) {
            json.writeString(alias);
        }
        json.writeEndArray();
        json.writeStringField("country", country);
        json.writeStringField("partOf", partOf);
        json.writeEndObject();
    }

    /** Big threads stay a small share of a small graph, and stop growing once the graph is large. */
    private int bigThreadSize() {
        return Math.min(BIG_THREAD_SIZE, Math.max(10, actionCount / 20));
    }

    /** Most threads are an intrusion and a few answers; one in a hundred runs to dozens. */
    private int ordinaryThreadSize() {
        int roll = random.nextInt(100);
        return roll < 55 ? 1 + random.nextInt(3) : roll < 90 ? 4 + random.nextInt(7) : roll < 99 ? 11 + random.nextInt(20)
                : 31 + random.nextInt(40);
    }

    /** One action of a thread while it is being written: what answers need to know of what they answer. */
    private record Written(String key, ActionKind kind, String actor, String target, LocalDate on, int depth) {
    }

    /**
     * An intrusion and the answers to it. Answers attach to a random earlier action of the thread, mostly recent
     * ones, so chains grow deep; big threads also fan out wide under their first accusation.
     */
    private int writeThread(JsonGenerator json, int thread, int size, boolean big) throws IOException {
        List<Written> written = new ArrayList<>(size);
        int group = skewed(cast.groups());
        LocalDate on = FIRST_DAY.plusDays(random.nextInt(DAYS_SPANNED));
        String victim = random.nextBoolean() ? companyName(random.nextInt(cast.companies())) : bodyName(random.nextInt(cast.bodies()));
        String key = "t" + thread + "-0";
        writeAction(json, key, ActionKind.INTRUSION, groupName(group) + " breaks into " + victim, on, null,
                List.of(groupName(group)), List.of(victim), null);
        written.add(new Written(key, ActionKind.INTRUSION, groupName(group), victim, on, 0));
        for (int i = 1; i < size; i++) {
            Written answered = written.get(big && i % 3 == 0 ? Math.min(1, written.size() - 1)
                    : Math.max(0, written.size() - 1 - random.nextInt(Math.min(written.size(), 3))));
            written.add(writeAnswer(json, "t" + thread + "-" + i, answered, group));
        }
        return written.size();
    }

    private Written writeAnswer(JsonGenerator json, String key, Written answered, int group) throws IOException {
        LocalDate on = answered.on().plusDays(1 + random.nextInt(30));
        int sponsor = cast.bodyOfGroup().get(group);
        String accused = sponsor >= 0 && random.nextBoolean() ? bodyName(sponsor) : groupName(group);
        String accuser = random.nextInt(3) == 0 ? companyName(random.nextInt(cast.companies()))
                : stateName(skewed(cast.states()));
        ActionKind kind;
        String actor;
        String target;
        switch (answered.kind()) {
            case INTRUSION, ADVISORY -> {
                kind = ActionKind.ATTRIBUTION;
                actor = accuser;
                target = accused;
            }
            case ATTRIBUTION, INDICTMENT, SANCTION -> {
                kind = random.nextInt(3) == 0 ? ActionKind.COUNTER_ACCUSATION : ActionKind.DENIAL;
                actor = sponsor >= 0 ? stateName(cast.stateOfBody().get(sponsor)) : answered.target();
                target = answered.actor();
            }
            default -> {
                ActionKind[] escalations = { ActionKind.INDICTMENT, ActionKind.SANCTION, ActionKind.ADVISORY,
                        ActionKind.STATEMENT, ActionKind.ATTRIBUTION };
                kind = escalations[random.nextInt(escalations.length)];
                actor = accuser;
                target = kind == ActionKind.STATEMENT ? answered.actor() : accused;
            }
        }
        List<String> actors = new ArrayList<>(List.of(actor));
        if (kind == ActionKind.ATTRIBUTION && random.nextInt(4) == 0) {
            // a coalition: a second state joins the accusation
            String ally = stateName(random.nextInt(cast.states()));
            if (!ally.equals(actor)) {
                actors.add(ally);
            }
        }
        List<String> targets = target.equals(actor) ? List.of() : List.of(target);
        writeAction(json, key, kind, actor + " " + kind.name().toLowerCase().replace('_', ' ') + ": " + target, on,
                answered.key(), actors, targets, personName(random.nextInt(cast.people())));
        return new Written(key, kind, actor, target, on, answered.depth() + 1);
    }

    private void writeAction(JsonGenerator json, String key, ActionKind kind, String title, LocalDate on,
            String respondsTo, List<String> actors, List<String> targets, String speaker) throws IOException {
        json.writeStartObject();
        json.writeStringField("key", key);
        json.writeStringField("kind", kind.name());
        json.writeStringField("title", title);
        json.writeStringField("summary", random.nextInt(3) == 0 ? null : "Synthetic " + kind.name().toLowerCase() + " " + key + ".");
        int precision = random.nextInt(10);
        // dates are written already cut to their precision, so an export of the imported graph gives the same values
        DatePrecision datePrecision = precision < 8 ? DatePrecision.DAY : precision < 9 ? DatePrecision.MONTH : DatePrecision.YEAR;
        LocalDate date = switch (datePrecision) {
            case DAY -> on;
            case MONTH -> on.withDayOfMonth(1);
            case YEAR -> on.withDayOfYear(1);
        };
        json.writeStringField("occurredOn", date.toString());
        json.writeStringField("datePrecision", datePrecision.name());
        writeNames(json, "actors", actors);
        writeNames(json, "targets", targets);
        json.writeStringField("respondsTo", respondsTo);
        json.writeArrayFieldStart("quotes");
        if (speaker != null && random.nextInt(3) == 0) {
            json.writeStartObject();
            json.writeStringField("text", "We stand by our account of " + key + ".");
            json.writeStringField("speaker", speaker);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("citations");
        int citations = 1 + random.nextInt(4);
        int firstSource = skewed(sourceCount);
        for (int i = 0; i < citations; i++) {
            json.writeStartObject();
            json.writeStringField("source", "source-" + (1 + (firstSource + i * 7919) % sourceCount));
            json.writeStringField("excerpt", random.nextBoolean() ? null : "Account " + (i + 1) + " of " + key + ".");
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeNames(JsonGenerator json, String field, List<String> names) throws IOException {
        json.writeArrayFieldStart(field);
        for (String name : names) {
            json.writeString(name);
        }
        json.writeEndArray();
    }

    /** An index below bound, low ones far more often: the cube of a uniform draw piles up near zero. */
    private int skewed(int bound) {
        double u = random.nextDouble();
        return Math.min(bound - 1, (int) (bound * u * u * u));
    }

    private static String countryCode(int state) {
        return "" + (char) ('A' + state / 26) + (char) ('A' + state % 26);
    }

    private static String stateName(int i) {
        return "State " + (i + 1);
    }

    private static String bodyName(int i) {
        return "Body " + (i + 1);
    }

    private static String groupName(int i) {
        return "Threat Group " + (i + 1);
    }

    private static String companyName(int i) {
        return "Company " + (i + 1);
    }

    private static String personName(int i) {
        return "Person " + (i + 1);
    }

    public static void main(String[] args) throws IOException {
        Integer actions = null;
        Integer parties = null;
        long seed = 1;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw usage(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--actions" -> actions = Integer.parseInt(value);
                case "--parties" -> parties = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                case "--out" -> out = Path.of(value);
                default -> throw usage("unknown argument " + args[i]);
            }
        }
        if (actions == null || out == null) {
            throw usage("--actions and --out are required");
        }
        long start = System.nanoTime();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            new GraphGenerator(seed, actions, parties == null ? defaultParties(actions) : parties).write(file);
        }
        System.out.printf("wrote %d actions to %s (%d MB) in %.1f s%n", actions, out, Files.size(out) >> 20,
                (System.nanoTime() - start) / 1e9);
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(problem
                + "; usage: GraphGenerator --actions M [--parties N] [--seed S] --out FILE");
    }
}
