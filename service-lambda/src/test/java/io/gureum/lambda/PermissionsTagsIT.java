package io.gureum.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** AddPermission, RemovePermission, GetPolicy, TagResource, UntagResource, ListTags. */
class PermissionsTagsIT extends LambdaTestSupport {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addPermissionRendersTheStatementAsAwsDoes() throws Exception {
        String name = unique("fn");
        CreateFunctionResponse c = createEcho(name);
        String statement = lambda.addPermission(b -> b.functionName(name).statementId("s3invoke")
                .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::my-bucket")
                .sourceAccount("123456789012")).statement();
        assertEquals("{\"Sid\":\"s3invoke\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},"
                + "\"Action\":\"lambda:InvokeFunction\",\"Resource\":\"" + c.functionArn() + "\",\"Condition\":"
                + "{\"StringEquals\":{\"AWS:SourceAccount\":\"123456789012\"},\"ArnLike\":{\"AWS:SourceArn\":"
                + "\"arn:aws:s3:::my-bucket\"}}}", statement);
        lambda.addPermission(b -> b.functionName(name).statementId("account").action("lambda:GetFunction")
                .principal("111122223333"));
        ResourceConflictException dup = assertAwsError(ResourceConflictException.class, "ResourceConflictException",
                409, () -> lambda.addPermission(b -> b.functionName(name).statementId("s3invoke")
                        .action("lambda:InvokeFunction").principal("sns.amazonaws.com")));
        assertEquals("The statement id (sid) provided already exists. Please choose a new statement id, or remove "
                + "the existing statement.", dup.awsErrorDetails().errorMessage());

        var policy = lambda.getPolicy(b -> b.functionName(name));
        JsonNode doc = JSON.readTree(policy.policy());
        assertEquals("2012-10-17", doc.get("Version").asText());
        assertEquals("default", doc.get("Id").asText());
        assertEquals(2, doc.get("Statement").size());
        assertEquals("arn:aws:iam::111122223333:root", doc.get("Statement").get(1).at("/Principal/AWS").asText());
        assertTrue(policy.revisionId().matches("[0-9a-f-]{36}"));

        assertEquals(204, lambda.removePermission(b -> b.functionName(name).statementId("s3invoke"))
                .sdkHttpResponse().statusCode());
        ResourceNotFoundException missing = assertAwsError(ResourceNotFoundException.class,
                "ResourceNotFoundException", 404,
                () -> lambda.removePermission(b -> b.functionName(name).statementId("s3invoke")));
        assertEquals("Statement s3invoke is not found in resource policy.", missing.awsErrorDetails().errorMessage());
        lambda.removePermission(b -> b.functionName(name).statementId("account"));
        ResourceNotFoundException none = assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                404, () -> lambda.getPolicy(b -> b.functionName(name)));
        assertEquals("The resource you requested does not exist.", none.awsErrorDetails().errorMessage());
    }

    @Test
    void aQualifiedPermissionNamesTheQualifiedResource() throws Exception {
        String name = unique("fn");
        CreateFunctionResponse c = createEcho(name);
        lambda.publishVersion(b -> b.functionName(name));
        String statement = lambda.addPermission(b -> b.functionName(name).qualifier("1").statementId("v1")
                .action("lambda:InvokeFunction").principal("events.amazonaws.com")).statement();
        assertEquals(c.functionArn() + ":1", JSON.readTree(statement).get("Resource").asText());
        assertEquals(1, JSON.readTree(lambda.getPolicy(b -> b.functionName(name).qualifier("1")).policy())
                .get("Statement").size());
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getPolicy(b -> b.functionName(name)));
    }

    @Test
    void latestCannotHaveAPolicyOfItsOwn() {
        String name = unique("fn");
        createEcho(name);
        for (String functionName : List.of(name, name + ":$LATEST")) {
            InvalidParameterValueException e = assertAwsError(InvalidParameterValueException.class,
                    "InvalidParameterValueException", 400, () -> lambda.addPermission(b -> b.functionName(functionName)
                            .qualifier("$LATEST").statementId("latest").action("lambda:InvokeFunction")
                            .principal("sns.amazonaws.com")));
            assertEquals("We currently do not support adding policies for $LATEST.", e.awsErrorDetails().errorMessage());
        }
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.getPolicy(b -> b.functionName(name)));
    }

    @Test
    void tagsAreAddedListedAndRemoved() {
        String name = unique("fn");
        String arn = createEcho(name).functionArn();
        lambda.tagResource(b -> b.resource(arn).tags(Map.of("env", "dev", "team", "blue")));
        assertEquals(Map.of("env", "dev", "team", "blue"), lambda.listTags(b -> b.resource(arn)).tags());
        lambda.untagResource(b -> b.resource(arn).tagKeys(List.of("env", "absent")));
        assertEquals(Map.of("team", "blue"), lambda.listTags(b -> b.resource(arn)).tags());
        assertEquals(Map.of("team", "blue"), lambda.getFunction(b -> b.functionName(name)).tags());
        String missing = arn + "-missing";
        ResourceNotFoundException e = assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException",
                404, () -> lambda.listTags(b -> b.resource(missing)));
        assertEquals("Function not found: " + missing, e.awsErrorDetails().errorMessage());
        lambda.deleteFunction(b -> b.functionName(name));
        assertAwsError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> lambda.tagResource(b -> b.resource(arn).tags(Map.of("a", "b"))));
    }
}
