package org.attributiongraph.database;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a table that a native read selects to build plain objects from its rows, not entities Hibernate
 * manages. An entity read is hydrated, registered in the session's persistence context with a wrapper for each of
 * its collections and a proxy for each reference, and let go when the session closes; a read that only shows what
 * it read needs none of that. Each column is selected under a label of its own ({@code alias_column}), so that a
 * row carrying the columns of several tables names each apart, and is read by its position as the Java type given
 * with it ({@link PlainStatement}), the same on H2 and PostgreSQL.
 */
public final class PlainColumns {

    private final List<String> names;
    private final List<Class<?>> types;

    private PlainColumns(List<String> names, List<Class<?>> types) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
    }

    /** Column names, each followed by the Java type it is read as. */
    public static PlainColumns of(Object... namesAndTypes) {
        List<String> names = new ArrayList<>();
        List<Class<?>> types = new ArrayList<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            names.add((String) namesAndTypes[i]);
            types.add((Class<?>) namesAndTypes[i + 1]);
        }
        return new PlainColumns(names, types);
    }

    /** These columns followed by the others. */
    public PlainColumns and(PlainColumns others) {
        List<String> allNames = new ArrayList<>(names);
        allNames.addAll(others.names);
        List<Class<?>> allTypes = new ArrayList<>(types);
        allTypes.addAll(others.types);
        return new PlainColumns(allNames, allTypes);
    }

    /** How many values a row holds for these columns. */
    public int width() {
        return names.size();
    }

    /** These columns of the table under an alias, with the select list written once. */
    public Aliased as(String alias) {
        return new Aliased(names.stream().map(name -> alias + "." + name + " AS " + alias + "_" + name)
                .collect(Collectors.joining(", ")), types);
    }

    /** The columns of a table under one alias in a statement. */
    public static final class Aliased {

        private final String select;
        private final List<Class<?>> types;

        private Aliased(String select, List<Class<?>> types) {
            this.select = select;
            this.types = types;
        }

        /** The select list: {@code a.id AS a_id, a.title AS a_title, ...}. */
        public String select() {
            return select;
        }

        /** The Java type each column is read as, in select order. */
        List<Class<?>> types() {
            return types;
        }
    }
}
