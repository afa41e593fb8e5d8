package io.gureum.core.dispatch;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.ResourceIds;
import io.gureum.core.protocol.OperationModel;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import io.gureum.core.validation.RequestValidator;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;

/**
 * {@link ServiceClients} over the running server's operation tables: each client is a {@link Proxy} of
 * the SDK client interface whose operation methods run the API's interceptors and provider on the
 * calling thread, in a request context made from the {@link Caller}. Default methods of the interface
 * (the {@code Consumer<Builder>} overloads, {@code getObject(request, Path)} …) run as the SDK defines
 * them and come back through the operation methods. An operation that answers later (a long poll)
 * blocks the calling thread until it answers: in-process callers poll with {@code WaitTimeSeconds=0}.
 */
public final class InProcessClients implements ServiceClients {
    private volatile ServiceRegistry registry;
    private volatile io.gureum.core.spi.ServerEndpoint endpoint;
    private final ResourceIds ids = new ResourceIds();

    void attach(ServiceRegistry registry, io.gureum.core.spi.ServerEndpoint endpoint) {
        this.registry = registry;
        this.endpoint = endpoint;
    }

    /**
     * The host in-process calls act on, for the URLs services build from it (SQS queue URLs, SNS
     * unsubscribe links): the HTTP request's Host when the call is made while answering one, else the
     * server's own endpoint ({@code 127.0.0.1:4566}), so a URL made in-process (a queue a stack creates)
     * is one clients can use.
     */
    private String host() {
        RequestContext outer = RequestContext.currentOrNull();
        if (outer != null && outer.httpRequest() != null) {
            return outer.host();
        }
        if (outer != null && outer.inProcessHost() != null) {
            return outer.inProcessHost();
        }
        io.gureum.core.spi.ServerEndpoint e = endpoint;
        java.net.URI uri = e == null ? null : e.uri().orElse(null);
        return uri == null ? null : uri.getAuthority();
    }

    @Override
    public boolean serves(Class<?> clientInterface) {
        ServiceRegistry r = registry;
        return r != null && r.byClientInterface(clientInterface.getName()) != null;
    }

    @Override
    public <T> T client(Class<T> clientInterface, Caller caller) {
        ServiceRegistry r = registry;
        LoadedService api = r == null ? null : r.byClientInterface(clientInterface.getName());
        if (api == null) {
            throw new IllegalStateException("This server does not serve " + clientInterface.getName()
                    + " (not on the class path or not enabled by --services)");
        }
        InvocationHandler handler = new Calls(api, clientInterface, caller);
        return clientInterface.cast(Proxy.newProxyInstance(clientInterface.getClassLoader(),
                new Class<?>[] {clientInterface}, handler));
    }

    private final class Calls implements InvocationHandler {
        private final LoadedService api;
        private final Class<?> clientInterface;
        private final Caller caller;

        Calls(LoadedService api, Class<?> clientInterface, Caller caller) {
            this.api = api;
            this.clientInterface = clientInterface;
            this.caller = caller;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "in-process " + api.name() + " client as " + caller;
                };
            }
            switch (method.getName()) {
                case "serviceName":
                    return clientInterface.getField("SERVICE_NAME").get(null);
                case "close":
                    return null;
                default:
                    break;
            }
            if (args != null && args.length > 0 && args[0] instanceof SdkRequest) {
                OperationModel op = api.model().operationByClientMethod(method.getName());
                if (op != null && op.requestClass().isInstance(args[0])
                        && method.getParameterCount() == (op.entry().streamingInput() || op.entry().streamingOutput() ? 2 : 1)
                        && !(method.getParameterCount() == 2 && !isStreamingParameter(method))) {
                    return call(op, args);
                }
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName());
        }

        private Object call(OperationModel op, Object[] args) {
            RequestContext ctx = new RequestContext(ids.requestId(), caller.accountId(), caller.region(), null,
                    api.name(), null, caller.principal(), caller.sourceArn(), host());
            try {
                return ctx.call(() -> {
                    if (api.binds(op.entry().clientMethod())) {
                        RequestValidator.check(api.model(), op, args[0]);
                        authorize(op, args[0]);
                    }
                    try {
                        return api.call(op, args);
                    } catch (AsyncResponse later) {
                        return later.future().join();
                    }
                });
            } catch (CompletionException e) {
                throw identified(translate(e.getCause() == null ? e : e.getCause()), ctx.requestId());
            } catch (Exception e) {
                throw identified(translate(e), ctx.requestId());
            }
        }

        /** IAM's decision on the call, as the caller's principal (a service principal with its source ARN). */
        private void authorize(OperationModel op, Object request) {
            ServiceRegistry r = registry;
            io.gureum.core.spi.Authorizer authorizer = r.authorizer();
            if (authorizer != io.gureum.core.spi.Authorizer.NONE) {
                authorizer.authorize(new io.gureum.core.spi.AuthorizationCall(api.name(), api.model().protocol(),
                        op.name(), request, r::resourceAccess));
            }
        }

        /**
         * A service error as the SDK's own client reports it: the call's request id and the service name the
         * SDK gives it ({@code Ec2}, {@code Sqs}), so that its message ends "(Service: Ec2, Status Code: 400, Request
         * ID: …)" like the messages CloudFormation's resource handlers relay.
         */
        private RuntimeException identified(RuntimeException e, String requestId) {
            if (!(e instanceof AwsServiceException s) || s.requestId() != null) {
                return e;
            }
            // The SDK names the service by its client's name (SqsClient → "Sqs", Ec2Client → "Ec2").
            String simple = clientInterface.getSimpleName();
            String serviceName = simple.endsWith("Client") ? simple.substring(0, simple.length() - 6) : simple;
            AwsServiceException.Builder b = s.toBuilder().requestId(requestId);
            if (s.awsErrorDetails() != null) {
                b.awsErrorDetails(s.awsErrorDetails().toBuilder().serviceName(serviceName).build());
            }
            return b.build();
        }

        private RuntimeException translate(Throwable t) {
            if (t instanceof AwsException e) {
                return ModeledErrors.toSdk(e, clientInterface);
            }
            if (t instanceof AwsServiceException e) {
                return ModeledErrors.complete(e, clientInterface);
            }
            if (t instanceof RuntimeException e) {
                return e;
            }
            return new IllegalStateException(t);
        }
    }

    private static boolean isStreamingParameter(Method method) {
        Class<?> second = method.getParameterTypes()[1];
        return second == software.amazon.awssdk.core.sync.RequestBody.class
                || second == software.amazon.awssdk.core.sync.ResponseTransformer.class;
    }
}
