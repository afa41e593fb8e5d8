package io.gureum.core.protocol;

import io.gureum.core.protocol.index.OperationEntry;
import java.lang.reflect.Method;
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
    private final Method clientMethod;
    private final Supplier<SdkPojo> requestBuilder;
    private final Supplier<SdkPojo> responseBuilder;
    private final UriTemplate uriTemplate;

    OperationModel(OperationEntry entry, Class<?> clientInterface, ClassLoader loader) {
        this.entry = entry;
        try {
            this.requestClass = Class.forName(entry.requestClass(), true, loader);
            this.responseClass = Class.forName(entry.responseClass(), true, loader);
            this.clientMethod = findMethod(clientInterface, entry, requestClass);
            this.requestBuilder = Pojos.builderSupplier(requestClass);
            this.responseBuilder = Pojos.builderSupplier(responseClass);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot load operation " + entry.wireName(), e);
        }
        this.uriTemplate = entry.requestUri() == null ? null : UriTemplate.parse(entry.requestUri());
    }

    private static Method findMethod(Class<?> iface, OperationEntry entry, Class<?> request) throws NoSuchMethodException {
        for (Method m : iface.getMethods()) {
            if (!m.getName().equals(entry.clientMethod()) || m.getParameterCount() < 1
                    || m.getParameterTypes()[0] != request) {
                continue;
            }
            // Streaming operations have overloads (Path, File, Consumer …): take the RequestBody or
            // ResponseTransformer one, which the invoker calls.
            Class<?> second = m.getParameterCount() == 2 ? m.getParameterTypes()[1] : null;
            if (entry.streamingInput() ? second == RequestBody.class
                    : entry.streamingOutput() ? second == ResponseTransformer.class
                    : m.getParameterCount() == 1) {
                return m;
            }
        }
        throw new NoSuchMethodException(iface.getName() + "." + entry.clientMethod());
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

    public Method clientMethod() {
        return clientMethod;
    }

    public SdkPojo newRequestBuilder() {
        return requestBuilder.get();
    }

    public SdkPojo newResponseBuilder() {
        return responseBuilder.get();
    }

    public UriTemplate uriTemplate() {
        return uriTemplate;
    }
}
