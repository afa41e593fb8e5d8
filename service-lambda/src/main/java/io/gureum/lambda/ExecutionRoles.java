package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.targets.RoleTarget;
import java.io.IOException;
import java.util.Optional;

/**
 * With {@code --enforce-iam}, a function's execution role must exist and trust Lambda, as AWS checks on
 * CreateFunction and UpdateFunctionConfiguration: otherwise "The role defined for the function cannot
 * be assumed by Lambda." (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html).
 * Without it, any well-formed role ARN is accepted, so tests need not create roles.
 */
final class ExecutionRoles {
    static final String CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda.";
    private static final String LAMBDA = "lambda.amazonaws.com";

    private final ServiceContext context;

    ExecutionRoles(ServiceContext context) {
        this.context = context;
    }

    void check(String roleArn) {
        if (!context.config().enforceIam()) {
            return;
        }
        Optional<RoleTarget> role = context.targets().lookup(roleArn, RoleTarget.class);
        if (role.isEmpty() || !trustsLambda(role.get().assumeRolePolicyDocument())) {
            throw LambdaErrors.invalidParameter(CANNOT_ASSUME);
        }
    }

    /** An Allow statement for {@code sts:AssumeRole} whose service principal is Lambda. */
    static boolean trustsLambda(String trustPolicy) {
        JsonNode doc;
        try {
            doc = LambdaJson.MAPPER.readTree(trustPolicy == null ? "" : trustPolicy);
        } catch (IOException e) {
            return false;
        }
        if (doc == null) {
            return false;
        }
        JsonNode statements = doc.path("Statement");
        for (JsonNode s : statements.isArray() ? statements : LambdaJson.MAPPER.createArrayNode().add(statements)) {
            if ("Allow".equals(s.path("Effect").asText())
                    && contains(s.path("Action"), "sts:AssumeRole", "sts:*", "*")
                    && contains(s.path("Principal").path("Service"), LAMBDA)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode value, String... accepted) {
        for (JsonNode v : value.isArray() ? value : LambdaJson.MAPPER.createArrayNode().add(value)) {
            for (String a : accepted) {
                if (a.equals(v.asText(null))) {
                    return true;
                }
            }
        }
        return false;
    }
}
