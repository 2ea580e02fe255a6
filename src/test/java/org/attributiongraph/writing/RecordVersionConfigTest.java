package org.attributiongraph.writing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

class RecordVersionConfigTest {

    private static RecordVersionConfig configured(Map<String, String> properties) {
        // as Quarkus builds it: expressions expanded, durations such as 1s understood
        SmallRyeConfig config = new SmallRyeConfigBuilder().addDefaultInterceptors()
                .withConverter(Duration.class, 200, new DurationConverter()).withMapping(RecordVersionConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(RecordVersionConfig.class);
    }

    @Test
    void thePollIntervalIsOneSecondUnlessSet() {
        assertEquals(Duration.ofSeconds(1), configured(Map.of()).pollInterval());
        assertEquals(Duration.ofMillis(200),
                configured(Map.of("attribution-graph.record-version.poll-interval", "200ms")).pollInterval());
    }

    @Test
    void itsEarlierNameStillSetsIt() {
        assertEquals(Duration.ofMillis(250),
                configured(Map.of("attribution-graph.response-cache.poll-interval", "250ms")).pollInterval());
        assertEquals(Duration.ofMillis(200), configured(Map.of("attribution-graph.record-version.poll-interval", "200ms",
                "attribution-graph.response-cache.poll-interval", "250ms")).pollInterval(), "the current name wins");
    }
}
