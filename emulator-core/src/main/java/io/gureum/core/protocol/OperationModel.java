package io.gureum.core.protocol;

import io.gureum.core.protocol.index.OperationEntry;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * One operation with its SDK classes loaded: created on the operation's first call, so a service's
 * model classes are loaded one operation at a time.
 */
public final class OperationModel {
    private final OperationEntry entry;
    private final Class<?> requestClass;
    private final Class<?> responseClass;
    private final MethodHandle invoker;
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
            this.invoker = invoker(clientInterface, entry, requestClass, responseClass);
            this.requestBuilder = Pojos.builderSupplier(requestClass);
            this.responseBuilder = Pojos.builderSupplier(responseClass);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load operation " + entry.wireName(), e);
        }
        this.uriTemplate = entry.requestUri() == null ? null : UriTemplate.parse(entry.requestUri());
    }

    /**
     * A handle on the client interface method, found by name and descriptor. Reflection
     * ({@code getMethods()}) would load every request and response class of the interface, hundreds
     * for EC2; method-handle lookup resolves only this method.
     */
    private static MethodHandle invoker(Class<?> iface, OperationEntry entry, Class<?> request, Class<?> response)
            throws ReflectiveOperationException {
        MethodType type;
        if (entry.streamingInput()) {
            type = MethodType.methodType(response, request, RequestBody.class);
        } else if (entry.streamingOutput()) {
            type = MethodType.methodType(Object.class, request, ResponseTransformer.class);
        } else {
            type = MethodType.methodType(response, request);
        }
        MethodHandle handle = MethodHandles.publicLookup().findVirtual(iface, entry.clientMethod(), type);
        int arity = type.parameterCount();
        return handle.asType(MethodType.genericMethodType(arity + 1)).asSpreader(1, Object[].class, arity);
    }

    /** Calls the operation's method on a handler; the handler's exceptions propagate unchanged. */
    public Object invoke(Object handler, Object[] args) throws Throwable {
        return (Object) invoker.invokeExact(handler, args);
    }

    public String name() {
        return entry.wireName();
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
