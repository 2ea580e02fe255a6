package org.attributiongraph.http;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How queries over GET may be kept by browsers and CDNs ({@link HttpCaching}); see docs/frontend.md, "HTTP caching". */
@ConfigMapping(prefix = "attribution-graph.http-cache")
public interface HttpCacheConfig {

    /** Whether answers to GET queries carry an ETag and a Cache-Control, and If-None-Match is answered 304. */
    @WithDefault("true")
    boolean enabled();

    /** How long a browser (or CDN) may use an answer before it asks again with If-None-Match. */
    @WithDefault("0s")
    Duration maxAge();

    /** How long a shared cache (a CDN) may use it, if not max-age; never sent when reading needs a token. */
    Optional<Duration> sharedMaxAge();
}
