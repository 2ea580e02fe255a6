package org.attributiongraph.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which names persisted queries and the answers HTTP caches keep. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
    }
}
