package io.gureum.lambda;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AsyncResponse;
import io.gureum.core.spi.ServiceContext;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Provider of Invoke (https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html): {@code RequestResponse}
 * through the {@link Invoker} without holding a thread, {@code Event} into the {@link AsyncInvoker}'s queue,
 * {@code DryRun} checks only. Other services invoke functions the same way, with an in-process
 * {@code LambdaClient} acting as their service principal (SNS as {@code sns.amazonaws.com} for a topic's
 * subscription, S3 for a bucket's notification): with {@code --enforce-iam} the function's resource-based
 * policy must allow that principal for that source ARN
 * (https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html).
 */
final class Invocations {
    private final ServiceContext context;
    private final FunctionLookup lookup;
    private final Policies policies;
    private final Invoker invoker;
    private final AsyncInvoker async;
    private final DurableExecutions durable;

    Invocations(ServiceContext context, FunctionLookup lookup, Policies policies, Invoker invoker,
            AsyncInvoker async, DurableExecutions durable) {
        this.durable = durable;
        this.context = context;
        this.lookup = lookup;
        this.policies = policies;
        this.invoker = invoker;
        this.async = async;
    }

    public InvokeResponse invoke(InvokeRequest request) {
        FunctionLookup.Resolved r = lookup.resolve(request.functionName(), request.qualifier());
        String type = request.invocationTypeAsString() == null ? "RequestResponse" : request.invocationTypeAsString();
        if (!type.equals("RequestResponse") && !type.equals("Event") && !type.equals("DryRun")) {
            throw LambdaErrors.validation(type, "invocationType",
                    "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
        }
        String logType = request.logTypeAsString();
        if (logType != null && !logType.equals("None") && !logType.equals("Tail")) {
            throw LambdaErrors.validation(logType, "logType", "Member must satisfy enum value set: [None, Tail]");
        }
        checkServiceCaller(r);
        byte[] payload = request.payload() == null ? new byte[0] : request.payload().asByteArray();
        if (type.equals("Event")) {
            Invoker.checkAsyncSize(payload);
        }
        if (payload.length > Invoker.MAX_SYNC_PAYLOAD) {
            throw LambdaErrors.tooLarge("Request must be smaller than " + Invoker.MAX_SYNC_PAYLOAD
                    + " bytes for the InvokeFunction operation");
        }
        Invoker.checkJson(payload);
        Invoker.checkClientContext(request.clientContext());
        if (type.equals("DryRun")) {
            return InvokeResponse.builder().statusCode(204).build();
        }
        FunctionVersion v = Invoker.pick(r);
        if (v.durableConfig() != null) {
            return durable.invoke(r, v, payload, request.durableExecutionName(), type.equals("Event"));
        }
        if (request.durableExecutionName() != null) {
            throw LambdaErrors.invalidParameter("DurableExecutionName can only be specified for durable functions.");
        }
        if (type.equals("Event")) {
            async.enqueue(r.function(), r.qualifier(), v, payload);
            return InvokeResponse.builder().statusCode(202).build();
        }
        try {
            Invoker.acquire(r.function());
        } catch (RuntimeException throttled) {
            invoker.metrics().throttled(r.function(), r.qualifiedArn());
            throw throttled;
        }
        boolean tail = "Tail".equals(logType);
        CompletableFuture<InvokeResponse> answer = invoker.run(r.function(), v, r.qualifiedArn(), payload,
                RequestContext.current().requestId(), request.clientContext(), "RequestResponse")
                .thenApply(result -> InvokeResponse.builder().statusCode(200).functionError(result.functionError())
                        .logResult(tail ? Invoker.tail(result.logs()) : null).executedVersion(v.version())
                        .payload(SdkBytes.fromByteArray(result.payload() == null ? new byte[0] : result.payload()))
                        .build());
        return AsyncResponse.later(answer);
    }

    /**
     * With {@code --enforce-iam}, a service principal calling in-process (SNS, S3) needs a statement of the
     * function's policy that allows it for its source ARN. Lambda delivering a function's record to a
     * destination function of the same account is the exception: that call is authorised by the sending
     * function's execution role, not by the destination's resource policy
     * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html), and Gureum does
     * not evaluate execution roles' permissions.
     */
    private void checkServiceCaller(FunctionLookup.Resolved r) {
        RequestContext ctx = RequestContext.current();
        if (!context.config().enforceIam() || !ctx.inProcess() || !ctx.principal().endsWith(".amazonaws.com")) {
            return;
        }
        if (ctx.principal().equals(Destinations.PRINCIPAL) && r.function().account.equals(ctx.accountId())) {
            return;
        }
        if (!policies.allows(r.function(), r.qualifier(), ctx.principal(), ctx.sourceArn())) {
            throw LambdaErrors.accessDenied(ctx.principal(), r.qualifiedArn());
        }
    }
}
