package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.dynamodb.DynamoDbService;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import io.gureum.junit5.GureumExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Under {@code --enforce-iam} CloudFormation is authorised like every other API (ADR 0015): each operation, the
 * registry's and the extensions' included, is decided as {@code cloudformation:<Operation>} for the caller and
 * denied in AWS's words, and the resources of a stack are created by in-process calls that act as the stack's
 * caller, which IAM decides too.
 */
class AuthorizationIT {
    static final String ACCOUNT = "000000000000";
    static final String TABLE = """
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                  KeySchema: [{AttributeName: pk, KeyType: HASH}]
            """;
    static final String THING = "Resources:\n  T:\n    Type: Gureum::Test::Thing\n";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new CloudFormationService(List.of(
            new CloudFormationTestSupport.ThingHandler())), new IamService(), new StsService(), new DynamoDbService())
            .config(c -> c.enforceIam(true)).build();
    static Gureum gureum;
    static IamClient root;
    static CloudFormationClient rootCfn;
    static final List<SdkClient> CLIENTS = new ArrayList<>();

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        root = AwsClients.client(IamClient.builder(), gureum);
        rootCfn = AwsClients.client(CloudFormationClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        CLIENTS.forEach(SdkClient::close);
        root.close();
        rootCfn.close();
    }

    /** A user of the default account with these inline policy documents; a CloudFormation client with its key. */
    static CloudFormationClient user(String name, String... policies) {
        root.createUser(b -> b.userName(name));
        for (int i = 0; i < policies.length; i++) {
            int n = i;
            root.putUserPolicy(b -> b.userName(name).policyName("p" + n).policyDocument(policies[n]));
        }
        String key = root.createAccessKey(b -> b.userName(name)).accessKey().accessKeyId();
        CloudFormationClient c = AwsClients.client(CloudFormationClient.builder(), gureum.endpoint(), key,
                "us-east-1");
        CLIENTS.add(c);
        return c;
    }

    static String statement(String effect, String action) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"" + effect + "\",\"Action\":\"" + action
                + "\",\"Resource\":\"*\"}]}";
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static AwsServiceException denied(String user, String action, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call, action);
        assertEquals("AccessDenied", e.awsErrorDetails().errorCode(), action + ": " + e.getMessage());
        assertEquals(403, e.statusCode(), action);
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("User: arn:aws:iam::" + ACCOUNT + ":user/" + user
                + " is not authorized to perform: " + action), e.awsErrorDetails().errorMessage());
        return e;
    }

    static Stack settle(CloudFormationClient cfn, String stackId) {
        for (int i = 0; i < 6000; i++) {
            Stack s = cfn.describeStacks(b -> b.stackName(stackId)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return s;
            }
            CloudFormationTestSupport.sleep(50);
        }
        throw new AssertionError("stack " + stackId + " never settled");
    }

    @Test
    void aUserWithoutPoliciesIsDeniedEveryOperationTheRegistrysAndExtensionsIncluded() {
        String name = unique("nobody");
        CloudFormationClient cfn = user(name);
        String stack = unique("denied");
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("ListStacks", () -> cfn.listStacks());
        calls.put("ValidateTemplate", () -> cfn.validateTemplate(b -> b.templateBody(THING)));
        calls.put("GetTemplateSummary", () -> cfn.getTemplateSummary(b -> b.templateBody(THING)));
        calls.put("CreateStack", () -> cfn.createStack(b -> b.stackName(stack).templateBody(THING)));
        calls.put("CreateChangeSet", () -> cfn.createChangeSet(b -> b.stackName(stack).changeSetName("c")
                .changeSetType("CREATE").templateBody(THING)));
        calls.put("DescribeStacks", () -> cfn.describeStacks(b -> b.stackName(stack)));
        calls.put("DeleteStack", () -> cfn.deleteStack(b -> b.stackName(stack)));
        calls.put("ListExports", () -> cfn.listExports());
        calls.put("DescribeAccountLimits", () -> cfn.describeAccountLimits());
        calls.put("CreateStackSet", () -> cfn.createStackSet(b -> b.stackSetName(stack).templateBody(THING)));
        calls.put("ListStackSets", () -> cfn.listStackSets());
        calls.put("ListTypes", () -> cfn.listTypes(b -> b.visibility("PUBLIC")));
        calls.put("DescribeType", () -> cfn.describeType(b -> b.type("RESOURCE").typeName("AWS::DynamoDB::Table")));
        calls.put("ListTypeVersions", () -> cfn.listTypeVersions(b -> b.type("RESOURCE")
                .typeName("AWS::DynamoDB::Table")));
        calls.put("ListTypeRegistrations", () -> cfn.listTypeRegistrations(b -> b.type("RESOURCE")
                .typeName("Acme::Test::Thing")));
        calls.put("DescribeTypeRegistration", () -> cfn.describeTypeRegistration(b -> b.registrationToken("t1")));
        calls.put("DeregisterType", () -> cfn.deregisterType(b -> b.type("RESOURCE").typeName("Acme::Test::Thing")));
        calls.put("SetTypeDefaultVersion", () -> cfn.setTypeDefaultVersion(b -> b.type("RESOURCE")
                .typeName("Acme::Test::Thing").versionId("00000002")));
        calls.put("DeactivateType", () -> cfn.deactivateType(b -> b.type("RESOURCE").typeName("Acme::Test::Thing")));
        calls.put("SetTypeConfiguration", () -> cfn.setTypeConfiguration(b -> b.type("RESOURCE")
                .typeName("Acme::Test::Thing").configuration("{}")));
        calls.put("BatchDescribeTypeConfigurations", () -> cfn.batchDescribeTypeConfigurations(b -> b
                .typeConfigurationIdentifiers(i -> i.type("RESOURCE").typeName("Acme::Test::Thing"))));
        calls.put("TestType", () -> cfn.testType(b -> b.type("RESOURCE").typeName("Acme::Test::Thing")));
        calls.put("PublishType", () -> cfn.publishType(b -> b.type("RESOURCE").typeName("Acme::Test::Thing")));
        calls.put("RegisterPublisher", () -> cfn.registerPublisher(b -> b.acceptTermsAndConditions(true)));
        calls.put("DescribePublisher", () -> cfn.describePublisher(b -> { }));
        calls.forEach((operation, call) -> denied(name, "cloudformation:" + operation, call));

        // Operations whose resource is "*" on AWS too name no resource.
        assertEquals("User: arn:aws:iam::" + ACCOUNT + ":user/" + name + " is not authorized to perform:"
                + " cloudformation:ListStacks because no identity-based policy allows the cloudformation:ListStacks"
                + " action", denied(name, "cloudformation:ListStacks", () -> cfn.listStacks()).awsErrorDetails()
                        .errorMessage());
        assertTrue(rootCfn.listStacks().stackSummaries().stream().noneMatch(s -> s.stackName().equals(stack)),
                "nothing was created");
        assertTrue(rootCfn.listStackSets().summaries().stream().noneMatch(s -> s.stackSetName().equals(stack)));
    }

    @Test
    void anExplicitDenyOfARegistryOperationWinsOverAnAllow() {
        String name = unique("no-registry");
        CloudFormationClient cfn = user(name, statement("Allow", "cloudformation:*"),
                statement("Deny", "cloudformation:*Type*"));
        assertTrue(cfn.listStacks().hasStackSummaries());
        AwsServiceException e = denied(name, "cloudformation:ListTypes", () -> cfn.listTypes(b -> b
                .visibility("PUBLIC")));
        assertTrue(e.awsErrorDetails().errorMessage().endsWith("with an explicit deny in an identity-based policy"),
                e.awsErrorDetails().errorMessage());
        denied(name, "cloudformation:DescribeType", () -> cfn.describeType(b -> b.type("RESOURCE")
                .typeName("AWS::DynamoDB::Table")));
        denied(name, "cloudformation:DeregisterType", () -> cfn.deregisterType(b -> b.type("RESOURCE")
                .typeName("Acme::Test::Thing")));
        assertEquals("AWS::DynamoDB::Table", rootCfn.describeType(b -> b.type("RESOURCE")
                .typeName("AWS::DynamoDB::Table")).typeName(), "the account's root user is not bound by the user's policy");
    }

    @Test
    void aPolicyScopedToStacksByNameAllowsAndDeniesExactlyThoseStacks() {
        String name = unique("scoped");
        String team = unique("team");
        String stackArn = "arn:aws:cloudformation:us-east-1:" + ACCOUNT + ":stack/";
        CloudFormationClient cfn = user(name, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"cloudformation:*\",\"Resource\":\"" + stackArn + team + "-*\"},{\"Effect\":\"Deny\","
                + "\"Action\":\"cloudformation:DeleteStack\",\"Resource\":\"" + stackArn + team + "-keep/*\"}]}");
        String app = cfn.createStack(b -> b.stackName(team + "-app").templateBody(THING)).stackId();
        assertEquals("CREATE_COMPLETE", settle(cfn, app).stackStatusAsString());
        String keep = cfn.createStack(b -> b.stackName(team + "-keep").templateBody(THING)).stackId();
        assertEquals("CREATE_COMPLETE", settle(cfn, keep).stackStatusAsString());

        // A stack named outside the policy: its resource is the name's every stack, as AWS names it.
        String other = unique("other");
        assertEquals("User: arn:aws:iam::" + ACCOUNT + ":user/" + name + " is not authorized to perform:"
                + " cloudformation:CreateStack on resource: " + stackArn + other + "/* because no identity-based"
                + " policy allows the cloudformation:CreateStack action", denied(name, "cloudformation:CreateStack",
                        () -> cfn.createStack(b -> b.stackName(other).templateBody(THING))).awsErrorDetails()
                                .errorMessage());
        // The explicit deny holds by name and by the stack's id (an ARN is the resource as it is).
        assertEquals("User: arn:aws:iam::" + ACCOUNT + ":user/" + name + " is not authorized to perform:"
                + " cloudformation:DeleteStack on resource: " + stackArn + team + "-keep/* with an explicit deny in an"
                + " identity-based policy", denied(name, "cloudformation:DeleteStack", () -> cfn.deleteStack(b -> b
                        .stackName(team + "-keep"))).awsErrorDetails().errorMessage());
        assertTrue(denied(name, "cloudformation:DeleteStack", () -> cfn.deleteStack(b -> b.stackName(keep)))
                .awsErrorDetails().errorMessage().contains("on resource: " + keep + " with an explicit deny"));
        // ListStacks names no stack: a policy of stack ARNs does not allow it, as on AWS.
        denied(name, "cloudformation:ListStacks", () -> cfn.listStacks());

        cfn.deleteStack(b -> b.stackName(team + "-app"));
        assertEquals("DELETE_COMPLETE", settle(cfn, app).stackStatusAsString());
        assertEquals("CREATE_COMPLETE", settle(rootCfn, keep).stackStatusAsString());
        rootCfn.deleteStack(b -> b.stackName(keep));
        assertEquals("DELETE_COMPLETE", settle(rootCfn, keep).stackStatusAsString());
    }

    @Test
    void aStacksResourcesAreCreatedAsItsCallerWhomIamDecidesToo() {
        String name = unique("cfn-only");
        CloudFormationClient cfn = user(name, statement("Allow", "cloudformation:*"));
        String stack = cfn.createStack(b -> b.stackName(unique("no-tables")).templateBody(TABLE)).stackId();
        Stack failed = settle(cfn, stack);
        assertEquals("ROLLBACK_COMPLETE", failed.stackStatusAsString(), failed.stackStatusReason());
        StackEvent tableFailed = cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> "Table".equals(e.logicalResourceId()) && "CREATE_FAILED".equals(
                        e.resourceStatusAsString())).findFirst().orElseThrow();
        assertTrue(tableFailed.resourceStatusReason().contains("User: arn:aws:iam::" + ACCOUNT + ":user/" + name
                + " is not authorized to perform: dynamodb:CreateTable"), tableFailed.resourceStatusReason());
        assertTrue(tableFailed.resourceStatusReason().contains("HandlerErrorCode: AccessDenied"),
                tableFailed.resourceStatusReason());

        root.putUserPolicy(b -> b.userName(name).policyName("tables").policyDocument(statement("Allow",
                "dynamodb:*")));
        String allowed = cfn.createStack(b -> b.stackName(unique("tables")).templateBody(TABLE)).stackId();
        Stack created = settle(cfn, allowed);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
        cfn.deleteStack(b -> b.stackName(allowed));
        assertEquals("DELETE_COMPLETE", settle(cfn, allowed).stackStatusAsString());
    }
}
