package org.attributiongraph.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Method;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceUnitUtil;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.SingularAttribute;

/**
 * Checks a plain object built from a row against the entity Hibernate reads from the same row, column by column:
 * every single-valued attribute of the mapping (a reference by the id it holds), so that a column added to an
 * entity and forgotten in its plain read fails here.
 */
public final class SameColumns {

    private SameColumns() {
    }

    public static void assertSameColumns(EntityManager entityManager, Object entity, Object plain) {
        assertNotNull(plain, "no plain read of " + entity);
        assertFalse(entityManager.contains(plain), "a plain read is not managed");
        PersistenceUnitUtil units = entityManager.getEntityManagerFactory().getPersistenceUnitUtil();
        int compared = 0;
        for (Attribute<?, ?> attribute : entityManager.getMetamodel().entity(entity.getClass()).getAttributes()) {
            if (!(attribute instanceof SingularAttribute<?, ?> singular)) {
                continue;
            }
            Object expected = value(entity, attribute.getName());
            Object actual = value(plain, attribute.getName());
            if (singular.getPersistentAttributeType() != Attribute.PersistentAttributeType.BASIC) {
                expected = expected == null ? null : units.getIdentifier(expected);
                actual = actual == null ? null : units.getIdentifier(actual);
            }
            assertEquals(expected, actual, entity.getClass().getSimpleName() + "." + attribute.getName());
            compared++;
        }
        assertFalse(compared == 0, "no attribute compared");
    }

    /** Through the getter Panache writes for a public field, as the entity's own code reads it. */
    private static Object value(Object object, String attribute) {
        try {
            Method getter = object.getClass().getMethod("get" + Character.toUpperCase(attribute.charAt(0))
                    + attribute.substring(1));
            return getter.invoke(object);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read " + attribute + " of " + object.getClass(), e);
        }
    }
}
