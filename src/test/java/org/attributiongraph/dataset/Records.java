package org.attributiongraph.dataset;

import java.util.List;

import jakarta.persistence.EntityManager;

/** For tests that play a new instance: the record emptied, as a fresh database holds it. */
final class Records {

    private Records() {
    }

    /** In the caller's transaction, in an order the foreign keys allow (actions and parties refer to their own kind). */
    static void deleteAll(EntityManager entityManager) {
        for (String table : List.of("citation", "quote", "action_participant")) {
            entityManager.createNativeQuery("DELETE FROM " + table).executeUpdate();
        }
        entityManager.createNativeQuery("UPDATE action SET responds_to_id = NULL").executeUpdate();
        entityManager.createNativeQuery("DELETE FROM action").executeUpdate();
        entityManager.createNativeQuery("DELETE FROM source").executeUpdate();
        entityManager.createNativeQuery("DELETE FROM party_name").executeUpdate();
        entityManager.createNativeQuery("DELETE FROM party_member").executeUpdate();
        entityManager.createNativeQuery("UPDATE party SET part_of_id = NULL").executeUpdate();
        entityManager.createNativeQuery("DELETE FROM party").executeUpdate();
    }
}
