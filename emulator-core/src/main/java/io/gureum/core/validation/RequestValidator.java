package io.gureum.core.validation;

import io.gureum.core.protocol.OperationModel;
import io.gureum.core.protocol.Pojos;
import io.gureum.core.protocol.ServiceModel;
import io.gureum.core.protocol.index.ApiConstraints;
import java.util.List;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Applies the model's constraints of an operation's input to a decoded request, before interceptors
 * and provider run: core does it once for every service, so providers keep only the checks the model
 * does not express. Called by the dispatcher (HTTP) and by in-process clients.
 */
public final class RequestValidator {
    private RequestValidator() {
    }

    /**
     * Throws the API's validation error when {@code request} (the request object or its builder) breaks
     * the constraints of {@code operation}; does nothing for APIs without a constraints file or whose
     * policy is {@link ValidationPolicy.Level#NONE}.
     */
    public static void check(ServiceModel model, OperationModel operation, Object request) {
        if (!(request instanceof SdkPojo pojo)) {
            return;
        }
        check(model, operation.name(), operation.requestClass().isInstance(pojo) ? pojo : (SdkPojo) Pojos.build(pojo));
    }

    /**
     * As above for an operation by its name, for those the operation index lacks (event-stream operations, only on
     * the SDK's asynchronous client) that a service answers itself; {@code built} is the built request object.
     */
    public static void check(ServiceModel model, String operationName, SdkPojo built) {
        ValidationPolicy policy = ValidationPolicy.forService(model.serviceName());
        if (policy.level() == ValidationPolicy.Level.NONE) {
            return;
        }
        ApiConstraints constraints = model.constraints();
        ApiConstraints.OperationConstraints op = constraints.operation(operationName);
        if (op == null || op.input() == null) {
            return;
        }
        List<Violation> violations = ConstraintWalker.violations(constraints, op.input(), built,
                policy.level() == ValidationPolicy.Level.REQUIRED);
        if (!violations.isEmpty()) {
            throw policy.error().apply(violations);
        }
    }
}
