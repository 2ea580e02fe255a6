package org.attributiongraph.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.attributiongraph.action.ActionKind;
import org.attributiongraph.dataset.Dataset.ActionRecord;
import org.attributiongraph.party.PartyKind;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class GraphGeneratorTest {

    private static byte[] generate(long seed, int actions) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new GraphGenerator(seed, actions, GraphGenerator.defaultParties(actions)).write(out);
        return out.toByteArray();
    }

    private static Dataset read(byte[] json) {
        return new DatasetReader(new ObjectMapper().findAndRegisterModules()).read(new ByteArrayInputStream(json));
    }

    @Test
    void theSameSeedGivesTheSameBytes() throws IOException {
        assertArrayEquals(generate(7, 3_000), generate(7, 3_000));
    }

    @Test
    void anotherSeedGivesAnotherGraph() throws IOException {
        assertFalse(Arrays.equals(generate(7, 3_000), generate(8, 3_000)));
    }

    @Test
    void writesAStrictlyReadableDatasetOfTheAskedSize() throws IOException {
        Dataset dataset = read(generate(1, 2_000));
        assertEquals(2_000, dataset.actions().size());
        assertEquals(GraphGenerator.defaultParties(2_000), dataset.parties().size());
        assertEquals(Set.of(PartyKind.values()).size() - 2, // every kind but OTHER and COALITION, which it does not make
                dataset.parties().stream().map(Dataset.PartyRecord::kind).collect(Collectors.toSet()).size());
        assertTrue(dataset.parties().stream().anyMatch(party -> party.partOf() != null), "parties form hierarchies");
        assertTrue(dataset.actions().stream().allMatch(action -> !action.citations().isEmpty()));
    }

    @Test
    void threadsAreMostlyShortWithAFewDeepOnesAndAccusationsAreSkewed() throws IOException {
        Dataset dataset = read(generate(1, 20_000));
        Map<String, ActionRecord> byKey = new HashMap<>();
        dataset.actions().forEach(action -> byKey.put(action.key(), action));
        Map<String, Integer> threadSizes = new HashMap<>();
        int deepest = 0;
        for (ActionRecord action : dataset.actions()) {
            int depth = 0;
            ActionRecord root = action;
            while (root.respondsTo() != null) {
                root = byKey.get(root.respondsTo());
                depth++;
            }
            deepest = Math.max(deepest, depth);
            threadSizes.merge(root.key(), 1, Integer::sum);
        }
        long shortThreads = threadSizes.values().stream().filter(size -> size <= 3).count();
        assertTrue(shortThreads > threadSizes.size() / 2, "most threads are short: " + shortThreads + " of " + threadSizes.size());
        assertTrue(deepest >= 20, "a few threads run deep: deepest " + deepest);

        Map<String, Long> accusations = dataset.actions().stream().filter(a -> a.kind() == ActionKind.ATTRIBUTION)
                .flatMap(a -> a.targets().stream()).collect(Collectors.groupingBy(name -> name, Collectors.counting()));
        long most = accusations.values().stream().max(Long::compare).orElseThrow();
        double mean = accusations.values().stream().mapToLong(Long::longValue).average().orElseThrow();
        assertTrue(most > 20 * mean, "a popular accused draws many times the mean: " + most + " vs " + mean);
    }
}
