package org.attributiongraph.scale;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Ten times the small graph: the same statement counts must hold. */
@QuarkusTest
@TestProfile(GeneratedGraphProfile.Large.class)
class LargeGeneratedGraphTest extends GeneratedGraphTest {

    @Override
    int actions() {
        return 2_000;
    }
}
