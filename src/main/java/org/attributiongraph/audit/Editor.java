package org.attributiongraph.audit;

import org.attributiongraph.errors.ForbiddenException;
import org.attributiongraph.errors.UnauthenticatedException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is writing. Writes need a verified bearer token carrying the editor role; the token's subject is what the
 * audit trail records. Work done without a request (the seed, a start-up import) is recorded as "system".
 */
public final class Editor {

    public static final String ROLE = "editor";
    static final String SYSTEM = "system";

    private Editor() {
    }

    /** Refuses the write unless the caller presented a token with the editor role. */
    public static void require(SecurityIdentity identity) {
        if (identity.isAnonymous()) {
            throw new UnauthenticatedException("writing needs a bearer token (JWT) with the role '" + ROLE + "'");
        }
        if (!identity.hasRole(ROLE)) {
            throw new ForbiddenException("'" + nameOf(identity) + "' may read but not write: the token lacks the role '"
                    + ROLE + "'");
        }
    }

    static String currentName() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return SYSTEM;
        }
        SecurityIdentity identity = container.instance(SecurityIdentity.class).get();
        return identity == null || identity.isAnonymous() ? SYSTEM : nameOf(identity);
    }

    private static String nameOf(SecurityIdentity identity) {
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return identity.getPrincipal().getName();
    }
}
