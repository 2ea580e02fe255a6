package org.attributiongraph.batching;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import graphql.schema.FieldCoordinates;

/**
 * A batched field whose value a parent may hold already, because the read that built the parent brought it in the
 * same statement (a look-ahead, {@link Selection}). Such a parent's value is the field's answer at once, without a
 * data loader, a batch or a dispatch ({@link LoaderPerArguments}); parents that hold none are batched as usual. A
 * field with arguments is preloaded only for the arguments its value was read with: the value is given the
 * arguments the query wrote, and answers null for any others.
 *
 * @param field the field, as the schema names its type and it
 * @param takesArguments whether the field has arguments, which valueOf reads
 * @param valueOf what a parent holds of the field for these arguments, or null when it holds nothing and the field
 *        is loaded
 */
public record Preloaded(FieldCoordinates field, boolean takesArguments,
        BiFunction<Object, Map<String, Object>, Object> valueOf) {

    /** The field type.field, without arguments, and what a parent of the class given holds of it (null: nothing). */
    public static <P> Preloaded of(String type, String field, Class<P> parents, Function<P, ?> value) {
        return new Preloaded(FieldCoordinates.coordinates(type, field), false,
                (parent, arguments) -> parents.isInstance(parent) ? value.apply(parents.cast(parent)) : null);
    }

    /**
     * The field type.field, which has arguments, and what a parent of the class given holds of it for the arguments
     * the query gave (null: nothing, or nothing for those arguments).
     */
    public static <P> Preloaded withArguments(String type, String field, Class<P> parents,
            BiFunction<P, Map<String, Object>, ?> value) {
        return new Preloaded(FieldCoordinates.coordinates(type, field), true,
                (parent, arguments) -> parents.isInstance(parent) ? value.apply(parents.cast(parent), arguments) : null);
    }
}
