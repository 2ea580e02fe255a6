package org.attributiongraph.scale;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(GeneratedGraphProfile.Small.class)
class SmallGeneratedGraphTest extends GeneratedGraphTest {

    @Override
    int actions() {
        return 200;
    }
}
