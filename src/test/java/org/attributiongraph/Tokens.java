package org.attributiongraph;

import java.security.PrivateKey;
import java.time.Instant;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/** Real signed JWTs for tests, made with the test key pair under src/test/resources/jwt. */
public final class Tokens {

    public static final String ISSUER = "attribution-graph-test";

    private Tokens() {
    }

    public static String editor(String subject) {
        return Jwt.issuer(ISSUER).subject(subject).groups("editor").expiresIn(3600).sign(key("jwt/private-key.pem"));
    }

    /** A valid token of a reader: known, but without the editor role. */
    public static String reader(String subject) {
        return Jwt.issuer(ISSUER).subject(subject).groups("reader").expiresIn(3600).sign(key("jwt/private-key.pem"));
    }

    public static String expiredEditor(String subject) {
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        return Jwt.issuer(ISSUER).subject(subject).groups("editor").issuedAt(anHourAgo.minusSeconds(60))
                .expiresAt(anHourAgo).sign(key("jwt/private-key.pem"));
    }

    /** Claims an editor, but signed with a key the service does not trust. */
    public static String strangerSignedEditor(String subject) {
        return Jwt.issuer(ISSUER).subject(subject).groups("editor").expiresIn(3600).sign(key("jwt/stranger-private-key.pem"));
    }

    private static PrivateKey key(String resource) {
        try {
            return KeyUtils.readPrivateKey(resource);
        } catch (Exception unreadable) {
            throw new IllegalStateException("test key " + resource + " is unreadable", unreadable);
        }
    }
}
