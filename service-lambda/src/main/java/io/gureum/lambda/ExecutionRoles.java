package io.gureum.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * With {@code --enforce-iam}, a function's execution role must exist and trust Lambda, as AWS checks on
 * CreateFunction and UpdateFunctionConfiguration: otherwise "The role defined for the function cannot
 * be assumed by Lambda." (https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html).
 * Without it, any well-formed role ARN is accepted, so tests need not create roles. The role is read with
 * an in-process {@link IamClient} ({@code GetRole}) as Lambda's service principal.
 */
final class ExecutionRoles {
    static final String CANNOT_ASSUME = "The role defined for the function cannot be assumed by Lambda.";
    private static final String LAMBDA = "lambda.amazonaws.com";

    private final ServiceContext context;

    ExecutionRoles(ServiceContext context) {
        this.context = context;
    }

    /** @param functionArn the function the role is for (the {@code aws:SourceArn} of the IAM read) */
    void check(String roleArn, String functionArn) {
        if (!context.config().enforceIam()) {
            return;
        }
        Role role = role(roleArn, functionArn);
        if (role == null || !trustsLambda(decode(role.assumeRolePolicyDocument()))) {
            throw LambdaErrors.invalidParameter(CANNOT_ASSUME);
        }
    }

    /** The role the ARN names (its path included), or null. */
    private Role role(String roleArn, String functionArn) {
        if (!context.clients().serves(IamClient.class)) {
            return null;
        }
        Arn arn;
        try {
            arn = Arn.parse(roleArn);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String resource = arn.resourceId();
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        IamClient iam = context.clients().client(IamClient.class,
                Caller.service(LAMBDA, arn.accountId(), RequestContext.current().region(), functionArn));
        try {
            Role role = iam.getRole(b -> b.roleName(name)).role();
            return role != null && roleArn.equals(role.arn()) ? role : null;
        } catch (AwsServiceException noSuchEntity) {
            return null;
        }
    }

    /**
     * GetRole answers the trust policy URL-encoded, as AWS does
     * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html: "The policy is URL-encoded").
     */
    static String decode(String document) {
        if (document == null || document.stripLeading().startsWith("{")) {
            return document;
        }
        try {
            return URLDecoder.decode(document, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncoded) {
            return document;
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
