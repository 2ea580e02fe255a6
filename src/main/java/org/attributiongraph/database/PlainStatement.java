package org.attributiongraph.database;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.persistence.EntityManager;

import org.hibernate.FlushMode;
import org.hibernate.engine.jdbc.spi.JdbcCoordinator;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.sql.results.jdbc.internal.DirectResultSetAccess;
import org.hibernate.type.descriptor.ValueExtractor;
import org.hibernate.type.descriptor.java.JavaType;

/**
 * A native read whose rows are read as plain values, run on the session's connection without Hibernate's query
 * layer. A native query would parse its text for parameters, build a result-set mapping and a row reader, and
 * resolve how to read each column, at every run; a batched read needs none of it. The statement still goes through
 * the session's JDBC coordinator, so it is what Hibernate's own would be to everything watching statements: logged,
 * counted in the statistics, told to cancellation/RunningStatements (and so cancelled with its request), timed out
 * by the connection's limit, and, outside a transaction, its connection handed back to the pool once it has run.
 * Each column is read as Hibernate would read it for its Java type ({@link Layout}), so values come out exactly as
 * through a native query.
 * <p>
 * Parameters are JDBC's plain {@code ?}, bound in the order they are given.
 */
public final class PlainStatement {

    /** PostgreSQL's name for the ids' type; H2 takes the array's type from its elements. */
    private static final String ID_TYPE = "bigint";

    private final EntityManager entityManager;
    private final String sql;
    private final List<Object> parameters = new ArrayList<>();

    private PlainStatement(EntityManager entityManager, String sql) {
        this.entityManager = entityManager;
        this.sql = sql;
    }

    public static PlainStatement of(EntityManager entityManager, String sql) {
        return new PlainStatement(entityManager, sql);
    }

    /**
     * A batch of ids as one array parameter ({@code = ANY(?)}, or {@code UNNEST(?)} joined as a table), not an IN
     * list of as many parameters as ids: the statement's text stays the same for any number of ids, so H2 keeps it
     * parsed and PostgreSQL settles on one plan for it, made for a short array: each id looked up in its index. For
     * the long IN lists of deep levels it hashed the whole party table instead.
     */
    public PlainStatement ids(List<Long> ids) {
        parameters.add(ids.toArray(Long[]::new));
        return this;
    }

    /** A Long, Integer or String parameter. */
    public PlainStatement parameter(Object value) {
        if (!(value instanceof Long || value instanceof Integer || value instanceof String)) {
            throw new IllegalArgumentException("not a parameter type of plain statements: " + value);
        }
        parameters.add(value);
        return this;
    }

    /** Runs the statement and builds one value from each row, its columns as the layout declares them. */
    public <T> List<T> rows(Layout layout, Function<Object[], T> reader) {
        SharedSessionContractImplementor session = entityManager.unwrap(SharedSessionContractImplementor.class);
        // as every Hibernate query starts: refused on a closed session, joined to the thread's transaction if any
        session.prepareForQueryExecution(false);
        if (flushesFirst(session)) {
            session.flush();
        }
        JdbcCoordinator jdbc = session.getJdbcCoordinator();
        boolean success = false;
        try {
            List<T> rows = read(session, jdbc, layout, reader);
            success = true;
            return rows;
        } finally {
            // as every Hibernate query ends: outside a transaction the connection goes back to the pool
            session.afterOperation(success);
        }
    }

    private <T> List<T> read(SharedSessionContractImplementor session, JdbcCoordinator jdbc, Layout layout,
            Function<Object[], T> reader) {
        PreparedStatement statement = jdbc.getStatementPreparer().prepareQueryStatement(sql, false, null);
        try {
            bind(statement);
            ResultSet results = jdbc.getResultSetReturn().extract(statement, sql);
            try {
                ValueExtractor<?>[] extractors = layout.extractors(session, statement, results);
                List<T> rows = new ArrayList<>();
                while (results.next()) {
                    Object[] row = new Object[extractors.length];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = extractors[i].extract(results, i + 1, session);
                    }
                    rows.add(reader.apply(row));
                }
                return rows;
            } finally {
                jdbc.getLogicalConnection().getResourceRegistry().release(results, statement);
            }
        } catch (SQLException failed) {
            throw session.getJdbcServices().getSqlExceptionHelper().convert(failed, "a plain read failed", sql);
        } finally {
            jdbc.getLogicalConnection().getResourceRegistry().release(statement);
            jdbc.afterStatementExecution();
        }
    }

    /** Whether a native query would write the transaction's changes before running (NativeQueryImpl.shouldFlush). */
    private static boolean flushesFirst(SharedSessionContractImplementor session) {
        if (!session.isTransactionInProgress()) {
            return false;
        }
        FlushMode mode = session.getHibernateFlushMode();
        return mode == FlushMode.ALWAYS
                || mode == FlushMode.AUTO && session.getFactory().getSessionFactoryOptions().isJpaBootstrap();
    }

    private void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Long[] ids) {
                Array array = statement.getConnection().createArrayOf(ID_TYPE, ids);
                statement.setArray(i + 1, array);
            } else if (value instanceof Long number) {
                statement.setLong(i + 1, number);
            } else if (value instanceof Integer number) {
                statement.setInt(i + 1, number);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
    }

    /** The Java types of a statement's columns in select order: single columns, and tables' columns under an alias. */
    public static Layout layout(Object... columns) {
        List<Class<?>> types = new ArrayList<>();
        for (Object column : columns) {
            if (column instanceof Class<?> type) {
                types.add(type);
            } else {
                types.addAll(((PlainColumns.Aliased) column).types());
            }
        }
        return new Layout(types);
    }

    /**
     * What a statement's rows hold. How Hibernate reads a column depends on the Java type asked for and on the SQL
     * type the database reports; both stay the same for the life of a session factory, so it is resolved once, from
     * the first result, exactly as a native query resolves it.
     */
    public static final class Layout {

        private final List<Class<?>> types;
        private volatile Resolved resolved;

        private Layout(List<Class<?>> types) {
            this.types = List.copyOf(types);
        }

        private record Resolved(SessionFactoryImplementor factory, ValueExtractor<?>[] extractors) {
        }

        ValueExtractor<?>[] extractors(SharedSessionContractImplementor session, PreparedStatement statement,
                ResultSet results) {
            Resolved known = resolved;
            SessionFactoryImplementor factory = session.getFactory();
            if (known != null && known.factory() == factory) {
                return known.extractors();
            }
            DirectResultSetAccess access = new DirectResultSetAccess(session, statement, results);
            if (access.getColumnCount() != types.size()) {
                throw new IllegalStateException("the statement selects " + access.getColumnCount()
                        + " columns, its layout declares " + types.size());
            }
            ValueExtractor<?>[] extractors = new ValueExtractor<?>[types.size()];
            for (int i = 0; i < extractors.length; i++) {
                JavaType<?> javaType = factory.getTypeConfiguration().getJavaTypeRegistry().getDescriptor(types.get(i));
                extractors[i] = access.resolveType(i + 1, javaType, factory.getTypeConfiguration()).getJdbcValueExtractor();
            }
            resolved = new Resolved(factory, extractors);
            return extractors;
        }
    }
}
