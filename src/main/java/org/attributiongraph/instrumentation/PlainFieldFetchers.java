package org.attributiongraph.instrumentation;

import static io.smallrye.graphql.SmallRyeGraphQLServerLogging.log;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;

import graphql.GraphQLException;
import graphql.TrivialDataFetcher;
import graphql.schema.DataFetchingEnvironment;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.graphql.execution.datafetcher.PlugableDataFetcher;
import io.smallrye.graphql.execution.datafetcher.helper.FieldHelper;
import io.smallrye.graphql.schema.model.Field;
import io.smallrye.graphql.schema.model.Reference;
import io.smallrye.graphql.schema.model.ReferenceType;
import io.smallrye.graphql.schema.model.Type;
import io.smallrye.graphql.spi.ClassloadingService;
import io.smallrye.graphql.spi.DataFetcherService;
import io.smallrye.graphql.transformation.AbstractDataFetcherException;

/**
 * Reads the plain properties of our types (a party's name, an action's date) the way SmallRye does, without the
 * request context it builds for every such field: a copy of its context holding the path, the arguments and the
 * selected fields written out as JSON, twice. Nothing reads that context for a plain property (our API methods and
 * batches get their own from SmallRye), and an answer carries thousands of such fields. Values that SmallRye
 * transforms or adapts on the way out still go through its helper, so every answer stays as it was.
 * <p>
 * SmallRye finds this through java.util.ServiceLoader (META-INF/services); the native build keeps that file and this
 * class (application.properties, {@link RegisterForReflection}).
 */
@RegisterForReflection
public class PlainFieldFetchers implements DataFetcherService {

    /** The only service that makes these: any place in SmallRye's order will do. */
    @Override
    public Integer getPriority() {
        return 0;
    }

    @Override
    public PlugableDataFetcher<?> getFieldDataFetcher(Field field, Type type, Reference owner) {
        return new Fetcher(field, owner);
    }

    private static final class Fetcher implements PlugableDataFetcher<Object>, TrivialDataFetcher<Object> {

        private final Field field;
        private final Reference owner;
        private final FieldHelper helper;
        /** Whether SmallRye would hand the value on unchanged: no list, no conversion of a scalar, no adapter. */
        private final boolean asIs;
        private volatile Member member;

        Fetcher(Field field, Reference owner) {
            this.field = field;
            this.owner = owner;
            this.helper = new FieldHelper(field);
            Reference reference = field.getReference();
            this.asIs = !field.hasWrapper()
                    && !(reference.getType() == ReferenceType.SCALAR && !reference.getClassName().equals(reference.getGraphQLClassName()))
                    && !reference.getClassName().startsWith("java.util.Optional")
                    && !reference.isAdaptingWith() && !reference.isAdaptingTo()
                    && !field.isAdaptingWith() && !field.isAdaptingTo();
        }

        @Override
        public Object get(DataFetchingEnvironment environment) throws Exception {
            Object value = read(environment.getSource());
            if (asIs) {
                return value;
            }
            try {
                return helper.transformOrAdaptResponse(value, environment);
            } catch (AbstractDataFetcherException failed) {
                // as SmallRye does: the value as it is, and the reason in the log
                log.transformError(failed);
                return value;
            }
        }

        private Object read(Object source) throws IllegalAccessException, InvocationTargetException {
            Member property = member;
            if (property == null) {
                property = member = find();
            }
            return property instanceof Method getter ? getter.invoke(source) : ((java.lang.reflect.Field) property).get(source);
        }

        /** The Java field or method SmallRye's model names, looked up on the owner, as SmallRye does. */
        private Member find() {
            try {
                Class<?> type = ClassloadingService.get().loadClass(owner.getClassName());
                return field.getMethodName() == null ? type.getField(field.getPropertyName()) : type.getMethod(field.getMethodName());
            } catch (ReflectiveOperationException e) {
                throw new GraphQLException(e);
            }
        }
    }
}
