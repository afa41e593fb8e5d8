package io.gureum.cloudformation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsCli;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.organizations.OrganizationsService;
import io.gureum.sqs.SqsService;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.StackInstanceSummary;
import software.amazon.awssdk.services.cloudformation.model.StackSetOperation;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/**
 * Service-managed stack sets over Gureum's Organizations: trusted access, OU targets with account filters,
 * automatic deployment when accounts move, delegated administrators, and the AWS CLI's path to them.
 */
class ServiceManagedStackSetsIT {
    private static final String QUEUE = """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            """;

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new CloudFormationService(), new SqsService(), new OrganizationsService()).build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    static String account() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000_000L, 999_999_999_999L));
    }

    static CloudFormationClient cfn(String account) {
        return AwsClients.client(CloudFormationClient.builder(), gureum.endpoint(), account, "us-east-1");
    }

    static OrganizationsClient orgs(String account) {
        return AwsClients.client(OrganizationsClient.builder(), gureum.endpoint(), account, "us-east-1");
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An organization of {@code management} with {@code members} invited and joined; its root id. */
    static String organization(String management, String... members) {
        OrganizationsClient m = orgs(management);
        m.createOrganization(b -> b.featureSet("ALL"));
        for (String member : members) {
            String h = m.inviteAccountToOrganization(b -> b.target(t -> t.id(member).type("ACCOUNT"))).handshake()
                    .id();
            orgs(member).acceptHandshake(b -> b.handshakeId(h));
        }
        return m.listRoots().roots().get(0).id();
    }

    static String ou(String management, String parent, String name) {
        return orgs(management).createOrganizationalUnit(b -> b.parentId(parent).name(name)).organizationalUnit()
                .id();
    }

    static void move(String management, String account, String from, String to) {
        orgs(management).moveAccount(b -> b.accountId(account).sourceParentId(from).destinationParentId(to));
    }

    static AwsServiceException fails(String code, Runnable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call::run);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(400, e.statusCode());
        return e;
    }

    static StackSetOperation awaitOperation(CloudFormationClient cfn, String set, String operationId) {
        for (int i = 0; i < 1200; i++) {
            StackSetOperation op = cfn.describeStackSetOperation(b -> b.stackSetName(set).operationId(operationId))
                    .stackSetOperation();
            if (!op.statusAsString().equals("RUNNING") && !op.statusAsString().equals("STOPPING")) {
                return op;
            }
            sleep(100);
        }
        return fail("operation " + operationId + " never ended");
    }

    static void await(String what, BooleanSupplier condition) {
        for (int i = 0; i < 1200; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            sleep(100);
        }
        fail(what);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Set<String> instances(CloudFormationClient cfn, String set, boolean current) {
        return cfn.listStackInstances(b -> b.stackSetName(set)).summaries().stream()
                .filter(i -> !current || i.statusAsString().equals("CURRENT")).map(StackInstanceSummary::account)
                .collect(Collectors.toSet());
    }

    @Test
    void trustedAccessIsTheOrganizationsRecordAndOnlyTheManagementAccountManagesIt() {
        String management = account();
        String member = account();
        CloudFormationClient cfn = cfn(management);
        fails("InvalidOperationException", () -> cfn.describeOrganizationsAccess(b -> { }));
        fails("InvalidOperationException", () -> cfn.activateOrganizationsAccess(b -> { }));
        AwsServiceException noOrg = fails("ValidationError", () -> cfn.createStackSet(b -> b.stackSetName(unique("s"))
                .templateBody(QUEUE).permissionModel("SERVICE_MANAGED")));
        assertEquals("You must be the management account or delegated admin account of an organization before"
                + " operating a SERVICE_MANAGED stack set", noOrg.awsErrorDetails().errorMessage());

        organization(management, member);
        assertEquals("DISABLED", cfn.describeOrganizationsAccess(b -> { }).statusAsString());
        AwsServiceException disabled = fails("ValidationError", () -> cfn.createStackSet(b -> b
                .stackSetName(unique("s")).templateBody(QUEUE).permissionModel("SERVICE_MANAGED")));
        assertEquals("You must enable organizations access to operate a service managed stack set",
                disabled.awsErrorDetails().errorMessage());
        fails("InvalidOperationException", () -> cfn(member).activateOrganizationsAccess(b -> { }));

        cfn.activateOrganizationsAccess(b -> { });
        assertEquals("ENABLED", cfn.describeOrganizationsAccess(b -> { }).statusAsString());
        assertTrue(orgs(management).listAWSServiceAccessForOrganization().enabledServicePrincipals().stream()
                .anyMatch(p -> p.servicePrincipal().equals("member.org.stacksets.cloudformation.amazonaws.com")));
        cfn.deactivateOrganizationsAccess(b -> { });
        assertEquals("DISABLED", cfn.describeOrganizationsAccess(b -> { }).statusAsString());
    }

    @Test
    void instancesGoToEveryAccountUnderTheOusAndFollowAccountsThatMove() {
        String management = account();
        String a = account();
        String b2 = account();
        String c = account();
        String root = organization(management, a, b2, c);
        String prod = ou(management, root, "Prod");
        String inner = ou(management, prod, "Inner");
        move(management, a, root, prod);
        move(management, b2, root, inner);
        CloudFormationClient cfn = cfn(management);
        cfn.activateOrganizationsAccess(x -> { });
        String set = unique("auto");
        cfn.createStackSet(x -> x.stackSetName(set).templateBody(QUEUE).permissionModel("SERVICE_MANAGED")
                .autoDeployment(d -> d.enabled(true).retainStacksOnAccountRemoval(false)));
        var described = cfn.describeStackSet(x -> x.stackSetName(set)).stackSet();
        assertEquals("SERVICE_MANAGED", described.permissionModelAsString());
        assertEquals(true, described.autoDeployment().enabled());
        assertEquals(null, described.executionRoleName());

        fails("ValidationError", () -> cfn.createStackInstances(x -> x.stackSetName(set).accounts(a)
                .regions("us-east-1")));
        String op = cfn.createStackInstances(x -> x.stackSetName(set).regions("us-east-1")
                .deploymentTargets(t -> t.organizationalUnitIds(prod))).operationId();
        assertEquals("SUCCEEDED", awaitOperation(cfn, set, op).statusAsString());
        assertEquals(Set.of(a, b2), instances(cfn, set, true));
        var instance = cfn.describeStackInstance(x -> x.stackSetName(set).stackInstanceAccount(b2)
                .stackInstanceRegion("us-east-1")).stackInstance();
        assertEquals(prod, instance.organizationalUnitId());
        assertEquals("CREATE_COMPLETE", cfn(b2).describeStacks(x -> x.stackName(instance.stackId())).stacks().get(0)
                .stackStatusAsString());
        assertEquals(List.of(prod), cfn.describeStackSet(x -> x.stackSetName(set)).stackSet().organizationalUnitIds());
        var targets = cfn.listStackSetAutoDeploymentTargets(x -> x.stackSetName(set)).summaries();
        assertEquals(1, targets.size());
        assertEquals(prod, targets.get(0).organizationalUnitId());
        assertEquals(List.of("us-east-1"), targets.get(0).regions());

        // An account moved into a targeted OU gets its instance; one moved out loses it and its stack.
        move(management, c, root, inner);
        await("an instance for the account moved in", () -> instances(cfn, set, true).contains(c));
        String stackOfA = cfn.describeStackInstance(x -> x.stackSetName(set).stackInstanceAccount(a)
                .stackInstanceRegion("us-east-1")).stackInstance().stackId();
        move(management, a, prod, root);
        await("the instance of the account moved out removed", () -> !instances(cfn, set, false).contains(a));
        await("its stack deleted", () -> cfn(a).describeStacks(x -> x.stackName(stackOfA)).stacks().get(0)
                .stackStatusAsString().equals("DELETE_COMPLETE"));
        await("no operation running", () -> cfn.listStackSetOperations(x -> x.stackSetName(set)).summaries()
                .stream().noneMatch(o -> o.statusAsString().equals("RUNNING")));
        assertEquals(Set.of(b2, c), instances(cfn, set, true));
    }

    @Test
    void accountFiltersNarrowOrWidenTheOusAccounts() {
        String management = account();
        String a = account();
        String b2 = account();
        String outside = account();
        String root = organization(management, a, b2, outside);
        String team = ou(management, root, "Team");
        move(management, a, root, team);
        move(management, b2, root, team);
        CloudFormationClient cfn = cfn(management);
        cfn.activateOrganizationsAccess(x -> { });
        String set = unique("filters");
        cfn.createStackSet(x -> x.stackSetName(set).templateBody(QUEUE).permissionModel("SERVICE_MANAGED")
                .autoDeployment(d -> d.enabled(false)));
        String op = cfn.createStackInstances(x -> x.stackSetName(set).regions("us-east-1").deploymentTargets(t -> t
                .organizationalUnitIds(team).accounts(a).accountFilterType("INTERSECTION"))).operationId();
        assertEquals("SUCCEEDED", awaitOperation(cfn, set, op).statusAsString());
        assertEquals(Set.of(a), instances(cfn, set, true));
        String union = cfn.createStackInstances(x -> x.stackSetName(set).regions("us-east-1").deploymentTargets(t -> t
                .organizationalUnitIds(team).accounts(a, outside).accountFilterType("DIFFERENCE"))).operationId();
        assertEquals("SUCCEEDED", awaitOperation(cfn, set, union).statusAsString());
        assertEquals(Set.of(a, b2), instances(cfn, set, true));
        String delete = cfn.deleteStackInstances(x -> x.stackSetName(set).regions("us-east-1").retainStacks(false)
                .deploymentTargets(t -> t.organizationalUnitIds(team))).operationId();
        assertEquals("SUCCEEDED", awaitOperation(cfn, set, delete).statusAsString());
        assertEquals(Set.of(), instances(cfn, set, false));
        assertEquals(List.of(), cfn.listStackSetAutoDeploymentTargets(x -> x.stackSetName(set)).summaries());
        cfn.deleteStackSet(x -> x.stackSetName(set));
    }

    @Test
    void delegatedAdministratorsCallAsDelegatedAdmin() {
        String management = account();
        String admin = account();
        String root = organization(management, admin);
        cfn(management).activateOrganizationsAccess(x -> { });
        CloudFormationClient cfn = cfn(admin);
        AwsServiceException notAdmin = fails("ValidationError", () -> cfn.createStackSet(x -> x
                .stackSetName(unique("d")).templateBody(QUEUE).permissionModel("SERVICE_MANAGED")
                .callAs("DELEGATED_ADMIN")));
        assertEquals("Account used is not a delegated administrator", notAdmin.awsErrorDetails().errorMessage());
        fails("ValidationError", () -> cfn.createStackSet(x -> x.stackSetName(unique("d")).templateBody(QUEUE)
                .permissionModel("SERVICE_MANAGED")));
        orgs(management).registerDelegatedAdministrator(x -> x.accountId(admin)
                .servicePrincipal("member.org.stacksets.cloudformation.amazonaws.com"));
        String set = unique("delegated");
        cfn.createStackSet(x -> x.stackSetName(set).templateBody(QUEUE).permissionModel("SERVICE_MANAGED")
                .callAs("DELEGATED_ADMIN").autoDeployment(d -> d.enabled(true).retainStacksOnAccountRemoval(true)));
        assertEquals("ENABLED", cfn.describeOrganizationsAccess(x -> x.callAs("DELEGATED_ADMIN")).statusAsString());
        String op = cfn.createStackInstances(x -> x.stackSetName(set).regions("us-east-1").callAs("DELEGATED_ADMIN")
                .deploymentTargets(t -> t.organizationalUnitIds(root))).operationId();
        assertEquals("SUCCEEDED", awaitOperation(cfn, set, op).statusAsString());
        // The management account is never a service-managed target, even under the root.
        assertEquals(Set.of(admin), instances(cfn, set, true));
    }

    @Test
    void theCliCreatesAServiceManagedStackSetAfterOrganizationsCommands() throws Exception {
        String management = account();
        String member = account();
        AwsCli cli = new AwsCli(gureum.endpoint(), management, "us-east-1");
        AwsCli.Result created = cli.run("organizations", "create-organization", "--feature-set", "ALL");
        assertEquals(0, created.exitCode(), created.all());
        String h = orgs(management).inviteAccountToOrganization(b -> b.target(t -> t.id(member).type("ACCOUNT")))
                .handshake().id();
        AwsCli.Result accepted = new AwsCli(gureum.endpoint(), member, "us-east-1").run("organizations",
                "accept-handshake", "--handshake-id", h);
        assertEquals(0, accepted.exitCode(), accepted.all());
        String root = orgs(management).listRoots().roots().get(0).id();
        AwsCli.Result activated = cli.run("cloudformation", "activate-organizations-access");
        assertEquals(0, activated.exitCode(), activated.all());
        String set = unique("cli");
        AwsCli.Result stackSet = cli.run("cloudformation", "create-stack-set", "--stack-set-name", set,
                "--template-body", QUEUE, "--permission-model", "SERVICE_MANAGED", "--auto-deployment",
                "Enabled=true,RetainStacksOnAccountRemoval=false");
        assertEquals(0, stackSet.exitCode(), stackSet.all());
        AwsCli.Result instances = cli.run("cloudformation", "create-stack-instances", "--stack-set-name", set,
                "--deployment-targets", "OrganizationalUnitIds=" + root, "--regions", "us-east-1");
        assertEquals(0, instances.exitCode(), instances.all());
        String op = new com.fasterxml.jackson.databind.ObjectMapper().readTree(instances.stdout()).path("OperationId")
                .asText();
        assertEquals("SUCCEEDED", awaitOperation(cfn(management), set, op).statusAsString());
        AwsCli.Result listed = cli.run("cloudformation", "list-stack-instances", "--stack-set-name", set);
        assertEquals(0, listed.exitCode(), listed.all());
        assertTrue(listed.stdout().contains("\"Account\": \"" + member + "\""), listed.stdout());
        assertTrue(listed.stdout().contains("\"OrganizationalUnitId\": \"" + root + "\""), listed.stdout());
    }
}
