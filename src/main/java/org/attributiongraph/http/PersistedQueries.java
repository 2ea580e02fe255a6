package org.attributiongraph.http;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Automatic persisted queries, as Apollo Client's persisted-query link speaks them: a client first sends only the
 * SHA-256 hash of its query (extensions.persistedQuery); if the hash is unknown here it is told
 * PERSISTED_QUERY_NOT_FOUND and sends the query with its hash, which registers it once the hash is checked. The
 * store is this replica's memory, bounded: a replica that has not seen a hash, or dropped it, just asks for the text
 * again. A registered query is checked like any other each time it is used.
 */
@ApplicationScoped
public class PersistedQueries {

    @Inject
    PersistedQueriesConfig config;

    private Cache<String, String> queries;

    @PostConstruct
    void create() {
        queries = Caffeine.newBuilder()
                .maximumWeight(config.maxSize().asLongValue())
                .weigher((String hash, String query) -> 2 * (hash.length() + query.length()) + 64)
                .executor(Runnable::run) // evict as it is filled, never behind in a pool
                .build();
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** The query registered under this hash (lower-case hex), if this replica knows it. */
    Optional<String> find(String sha256Hash) {
        return Optional.ofNullable(queries.getIfPresent(sha256Hash));
    }

    /** Registers a query under its hash; false, registering nothing, if the hash is not the query's. */
    boolean register(String sha256Hash, String query) {
        if (!sha256Hash.equals(hashOf(query))) {
            return false;
        }
        queries.put(sha256Hash, query);
        return true;
    }

    /** The hash Apollo's link sends: SHA-256 of the query's UTF-8 bytes, in lower-case hex. */
    static String hashOf(String query) {
        return HexFormat.of().formatHex(Sha256.digest().digest(query.getBytes(StandardCharsets.UTF_8)));
    }
}
