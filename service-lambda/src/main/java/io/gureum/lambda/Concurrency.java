package io.gureum.lambda;

import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.DeleteFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConcurrencyResponse;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyRequest;
import software.amazon.awssdk.services.lambda.model.PutFunctionConcurrencyResponse;

/**
 * Provider of reserved concurrency: PutFunctionConcurrency, GetFunctionConcurrency and
 * DeleteFunctionConcurrency (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html).
 * {@link Invoker#acquire} enforces it.
 */
final class Concurrency {
    /** The default account quota of concurrent executions, of which 100 always stay unreserved. */
    static final int ACCOUNT_CONCURRENCY = 1000;
    static final int MIN_UNRESERVED = 100;

    private final FunctionLookup lookup;

    Concurrency(FunctionLookup lookup) {
        this.lookup = lookup;
    }

    public PutFunctionConcurrencyResponse putFunctionConcurrency(PutFunctionConcurrencyRequest request) {
        LambdaFunction f = lookup.require(request.functionName());
        Integer reserved = request.reservedConcurrentExecutions();
        if (reserved == null || reserved < 0) {
            throw LambdaErrors.validation(reserved, "reservedConcurrentExecutions",
                    "Member must have value greater than or equal to 0");
        }
        LambdaStore store = lookup.stores().get(f.account, f.region);
        synchronized (store) {
            int others = 0;
            for (LambdaFunction o : store.functions.values()) {
                if (o != f && o.reservedConcurrency != null) {
                    others += o.reservedConcurrency;
                }
            }
            if (ACCOUNT_CONCURRENCY - others - reserved < MIN_UNRESERVED) {
                throw LambdaErrors.invalidParameter("Specified ReservedConcurrentExecutions for function decreases "
                        + "account's UnreservedConcurrentExecution below its minimum value of [" + MIN_UNRESERVED + "].");
            }
            f.reservedConcurrency = reserved;
        }
        return PutFunctionConcurrencyResponse.builder().reservedConcurrentExecutions(reserved).build();
    }

    public GetFunctionConcurrencyResponse getFunctionConcurrency(GetFunctionConcurrencyRequest request) {
        return GetFunctionConcurrencyResponse.builder()
                .reservedConcurrentExecutions(lookup.require(request.functionName()).reservedConcurrency).build();
    }

    public DeleteFunctionConcurrencyResponse deleteFunctionConcurrency(DeleteFunctionConcurrencyRequest request) {
        lookup.require(request.functionName()).reservedConcurrency = null;
        return DeleteFunctionConcurrencyResponse.builder().build();
    }
}
