package io.gureum.core.protocol;

import io.gureum.core.protocol.index.OperationEntry;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.core.traits.RequiredTrait;

/**
 * One operation with its SDK classes loaded: created on the operation's first call, so a service's
 * model classes are loaded one operation at a time.
 */
public final class OperationModel {
    private final OperationEntry entry;
    private final Class<?> requestClass;
    private final Class<?> responseClass;
    private final Supplier<SdkPojo> requestBuilder;
    private final Supplier<SdkPojo> responseBuilder;
    private final UriTemplate uriTemplate;

    private final Supplier<QueryNaming> queryNaming;

    OperationModel(OperationEntry entry, Class<?> clientInterface, ClassLoader loader,
            Supplier<QueryNaming> queryNaming) {
        this.entry = entry;
        this.queryNaming = queryNaming;
        try {
            this.requestClass = Class.forName(entry.requestClass(), true, loader);
            this.responseClass = Class.forName(entry.responseClass(), true, loader);
            this.requestBuilder = Pojos.builderSupplier(requestClass);
            this.responseBuilder = Pojos.builderSupplier(responseClass);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load operation " + entry.wireName(), e);
        }
        this.uriTemplate = entry.requestUri() == null ? null : UriTemplate.parse(entry.requestUri());
    }

    /**
     * A handle on the method of {@code providerClass} that has this operation's SDK signature, as
     * {@code (Object provider, Object[] args) → Object}. Found by name and type, so resolving it loads
     * only this operation's classes; the provider class need not be public.
     */
    public MethodHandle handleOn(Class<?> providerClass) {
        MethodType type;
        if (entry.streamingInput()) {
            type = MethodType.methodType(responseClass, requestClass, RequestBody.class);
        } else if (entry.streamingOutput()) {
            type = MethodType.methodType(Object.class, requestClass, ResponseTransformer.class);
        } else {
            type = MethodType.methodType(responseClass, requestClass);
        }
        try {
            MethodHandle handle = lookup(providerClass).findVirtual(providerClass, entry.clientMethod(), type);
            int arity = type.parameterCount();
            return handle.asType(MethodType.genericMethodType(arity + 1)).asSpreader(1, Object[].class, arity);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(providerClass.getName() + " has no method " + type.returnType().getSimpleName()
                    + " " + entry.clientMethod() + type.parameterList() + " for " + entry.wireName(), e);
        }
    }

    /** Full access to a provider's class; public access only where its module does not open it (proxies). */
    private static MethodHandles.Lookup lookup(Class<?> providerClass) {
        try {
            return MethodHandles.privateLookupIn(providerClass, MethodHandles.lookup());
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return MethodHandles.publicLookup();
        }
    }

    public String name() {
        return entry.wireName();
    }

    /** A request member bound to the query string, a header or the path: what REST routing weighs. */
    record RoutingField(MarshallLocation location, String locationName, boolean required) {
    }

    private volatile List<RoutingField> routingFields;

    /**
     * The request's query, header and path members in model order, read from a fresh builder's
     * {@code sdkFields()} once rather than on every request that several templates match (S3's
     * {@code GET /} and {@code PUT /{Key+}}).
     */
    List<RoutingField> routingFields() {
        List<RoutingField> fields = routingFields;
        if (fields == null) {
            List<RoutingField> found = new ArrayList<>();
            for (SdkField<?> field : newRequestBuilder().sdkFields()) {
                MarshallLocation loc = field.location();
                if (loc == MarshallLocation.QUERY_PARAM || loc == MarshallLocation.HEADER
                        || loc == MarshallLocation.PATH || loc == MarshallLocation.GREEDY_PATH) {
                    found.add(new RoutingField(loc, field.locationName(), field.containsTrait(RequiredTrait.class)));
                }
            }
            fields = List.copyOf(found);
            routingFields = fields;
        }
        return fields;
    }

    /** Whether the operation answers with a stream (S3's GetObject): codecs of service quirks ask this. */
    public boolean streamingOutput() {
        return entry.streamingOutput();
    }

    public OperationEntry entry() {
        return entry;
    }

    public Class<?> requestClass() {
        return requestClass;
    }

    public Class<?> responseClass() {
        return responseClass;
    }

    public SdkPojo newRequestBuilder() {
        return requestBuilder.get();
    }

    public SdkPojo newResponseBuilder() {
        return responseBuilder.get();
    }

    /** The query-protocol names of this operation's service. */
    public QueryNaming naming() {
        return queryNaming.get();
    }

    public UriTemplate uriTemplate() {
        return uriTemplate;
    }
}
