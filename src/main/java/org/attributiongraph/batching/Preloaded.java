package org.attributiongraph.batching;

import java.util.function.Function;

import graphql.schema.FieldCoordinates;

/**
 * A batched field whose value a parent may hold already, because the read that built the parent brought it in the
 * same statement (a look-ahead, {@link Selection}). Such a parent's value is the field's answer at once, without a
 * data loader, a batch or a dispatch ({@link LoaderPerArguments}); parents that hold none are batched as usual. Only
 * for fields without arguments, whose value then depends on the parent alone.
 *
 * @param field the field, as the schema names its type and it
 * @param valueOf what a parent holds of the field, or null when it holds nothing and the field is loaded
 */
public record Preloaded(FieldCoordinates field, Function<Object, Object> valueOf) {

    /** The field type.field, and what a parent of the class given holds of it (null: nothing). */
    public static <P> Preloaded of(String type, String field, Class<P> parents, Function<P, ?> value) {
        return new Preloaded(FieldCoordinates.coordinates(type, field),
                parent -> parents.isInstance(parent) ? value.apply(parents.cast(parent)) : null);
    }
}
