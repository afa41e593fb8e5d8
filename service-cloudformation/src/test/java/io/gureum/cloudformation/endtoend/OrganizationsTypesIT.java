package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.Tag;

/**
 * The Organizations types of issue #17: an organization in one stack; OUs, an account, a service control
 * policy and the resource policy in another, created, changed in place and deleted through the SDK, checked
 * through Organizations and the stacks' outputs.
 */
class OrganizationsTypesIT extends EndToEndSupport {
    static OrganizationsClient orgs;

    @BeforeAll
    static void orgsClient() {
        orgs = AwsClients.client(OrganizationsClient.builder(), gureum);
    }

    @AfterAll
    static void close() {
        orgs.close();
    }

    private static final String ORGANIZATION = """
            Resources:
              Org:
                Type: AWS::Organizations::Organization
                Properties: {FeatureSet: ALL}
            Outputs:
              Org: {Value: !Ref Org}
              OrgId: {Value: !GetAtt Org.Id}
              Arn: {Value: !GetAtt Org.Arn}
              RootId: {Value: !GetAtt Org.RootId}
              ManagementArn: {Value: !GetAtt Org.ManagementAccountArn}
              ManagementEmail: {Value: !GetAtt Org.ManagementAccountEmail}
              ManagementId: {Value: !GetAtt Org.ManagementAccountId}
            """;

    private static final String MEMBERS = """
            Parameters:
              Root: {Type: String}
              Team: {Type: String, Default: a}
              Action: {Type: String, Default: 'ec2:TerminateInstances'}
              Placement: {Type: String, Default: root, AllowedValues: [root, child]}
            Conditions:
              InChild: !Equals [!Ref Placement, child]
            Resources:
              Ou:
                Type: AWS::Organizations::OrganizationalUnit
                Properties:
                  Name: !Sub 'workloads-${Team}'
                  ParentId: !Ref Root
                  Tags: [{Key: Team, Value: !Ref Team}]
              ChildOu:
                Type: AWS::Organizations::OrganizationalUnit
                Properties: {Name: dev, ParentId: !Ref Ou}
              Dev:
                Type: AWS::Organizations::Account
                Properties:
                  AccountName: course-dev
                  Email: dev@example.com
                  ParentIds: !If [InChild, [!Ref ChildOu], !Ref 'AWS::NoValue']
                  Tags: [{Key: Team, Value: !Ref Team}]
              Guard:
                Type: AWS::Organizations::Policy
                Properties:
                  Name: guard
                  Type: SERVICE_CONTROL_POLICY
                  Content:
                    Version: '2012-10-17'
                    Statement: [{Effect: Deny, Action: !Ref Action, Resource: '*'}]
                  TargetIds: !If [InChild, [!Ref Ou, !Ref ChildOu], [!Ref Ou]]
              Delegation:
                Type: AWS::Organizations::ResourcePolicy
                Properties:
                  Content:
                    Version: '2012-10-17'
                    Statement:
                      - Sid: Read
                        Effect: Allow
                        Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}
                        Action: !Ref Action
                        Resource: '*'
            Outputs:
              Ou: {Value: !Ref Ou}
              OuId: {Value: !GetAtt Ou.Id}
              OuArn: {Value: !GetAtt Ou.Arn}
              OuPath: {Value: !GetAtt Ou.Path}
              ChildOuPath: {Value: !GetAtt ChildOu.Path}
              DevPaths: {Value: !Join [',', !GetAtt Dev.Paths]}
              Dev: {Value: !Ref Dev}
              DevId: {Value: !GetAtt Dev.AccountId}
              DevArn: {Value: !GetAtt Dev.Arn}
              DevStatus: {Value: !GetAtt Dev.Status}
              DevJoined: {Value: !GetAtt Dev.JoinedMethod}
              Guard: {Value: !Ref Guard}
              GuardId: {Value: !GetAtt Guard.Id}
              GuardArn: {Value: !GetAtt Guard.Arn}
              GuardAwsManaged: {Value: !GetAtt Guard.AwsManaged}
              Delegation: {Value: !Ref Delegation}
              DelegationArn: {Value: !GetAtt Delegation.Arn}
            """;

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    private static Map<String, String> tags(String resourceId) {
        return orgs.listTagsForResource(b -> b.resourceId(resourceId)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void organizationUnitsAccountAndPolicies() {
        String orgStack = unique("org");
        String id = cfn.createStack(b -> b.stackName(orgStack).templateBody(ORGANIZATION)).stackId();
        Stack o = settled(id, "CREATE_COMPLETE");
        Organization org = orgs.describeOrganization().organization();
        assertEquals(org.id(), output(o, "Org"));
        assertEquals(org.id(), output(o, "OrgId"));
        assertEquals(org.arn(), output(o, "Arn"));
        assertEquals(org.masterAccountArn(), output(o, "ManagementArn"));
        assertEquals(org.masterAccountEmail(), output(o, "ManagementEmail"));
        assertEquals(org.masterAccountId(), output(o, "ManagementId"));
        assertEquals("ALL", org.featureSetAsString());
        assertEquals(orgs.listRoots().roots().get(0).id(), output(o, "RootId"));
        cfn.deleteStack(b -> b.stackName(id));
        settled(id, "DELETE_COMPLETE");
        assertThrows(AwsOrganizationsNotInUseException.class, () -> orgs.describeOrganization());

        String id2 = cfn.createStack(b -> b.stackName(orgStack).templateBody(ORGANIZATION)).stackId();
        String root = output(settled(id2, "CREATE_COMPLETE"), "RootId");
        orgs.enablePolicyType(b -> b.rootId(root).policyType(PolicyType.SERVICE_CONTROL_POLICY));

        String members = unique("members");
        String mid = cfn.createStack(b -> b.stackName(members).templateBody(MEMBERS).parameters(p("Root", root)))
                .stackId();
        Stack m = settled(mid, "CREATE_COMPLETE");
        String ou = output(m, "Ou");
        assertEquals(ou, output(m, "OuId"));
        var unit = orgs.describeOrganizationalUnit(b -> b.organizationalUnitId(ou)).organizationalUnit();
        assertEquals("workloads-a", unit.name());
        assertEquals(unit.arn(), output(m, "OuArn"));
        assertEquals("a", tags(ou).get("Team"));
        String child = physicalId(members, "ChildOu");
        assertEquals(ou, orgs.listParents(b -> b.childId(child)).parents().get(0).id());
        String orgId = orgs.describeOrganization().organization().id();
        assertEquals(orgId + "/" + root + "/" + ou + "/", output(m, "OuPath"));
        assertEquals(orgId + "/" + root + "/" + ou + "/" + child + "/", output(m, "ChildOuPath"));

        String dev = output(m, "Dev");
        assertEquals(dev, output(m, "DevId"));
        var account = orgs.describeAccount(b -> b.accountId(dev)).account();
        assertEquals("course-dev", account.name());
        assertEquals(account.arn(), output(m, "DevArn"));
        assertEquals("ACTIVE", output(m, "DevStatus"));
        assertEquals("CREATED", output(m, "DevJoined"));
        assertEquals(orgId + "/" + root + "/" + dev + "/", output(m, "DevPaths"));
        assertEquals(root, orgs.listParents(b -> b.childId(dev)).parents().get(0).id());
        assertEquals("a", tags(dev).get("Team"));

        String guard = output(m, "Guard");
        assertEquals(guard, output(m, "GuardId"));
        var policy = orgs.describePolicy(b -> b.policyId(guard)).policy();
        assertEquals(policy.policySummary().arn(), output(m, "GuardArn"));
        assertEquals("false", output(m, "GuardAwsManaged"));
        assertTrue(policy.content().contains("ec2:TerminateInstances"), policy.content());
        assertEquals(List.of(ou), targets(guard));

        var delegation = orgs.describeResourcePolicy(b -> { }).resourcePolicy();
        assertEquals(delegation.resourcePolicySummary().id(), output(m, "Delegation"));
        assertEquals(delegation.resourcePolicySummary().arn(), output(m, "DelegationArn"));
        assertTrue(delegation.content().contains("ec2:TerminateInstances"));

        // In place: the OU's name and tags, the policy's content and targets, the account's parent.
        cfn.updateStack(b -> b.stackName(members).templateBody(MEMBERS).parameters(p("Root", root), p("Team", "b"),
                p("Action", "ec2:DeleteVpc"), p("Placement", "child")));
        Stack u = settled(mid, "UPDATE_COMPLETE");
        for (String key : List.of("Ou", "Dev", "Guard", "Delegation")) {
            assertEquals(output(m, key), output(u, key), key + " is updated in place");
        }
        assertEquals("workloads-b", orgs.describeOrganizationalUnit(b -> b.organizationalUnitId(ou))
                .organizationalUnit().name());
        assertEquals("b", tags(ou).get("Team"));
        assertEquals("b", tags(dev).get("Team"));
        assertEquals(child, orgs.listParents(b -> b.childId(dev)).parents().get(0).id());
        assertTrue(orgs.describePolicy(b -> b.policyId(guard)).policy().content().contains("ec2:DeleteVpc"));
        assertEquals(List.of(ou, child).stream().sorted().toList(), targets(guard));
        assertTrue(orgs.describeResourcePolicy(b -> { }).resourcePolicy().content().contains("ec2:DeleteVpc"));

        // Back to the root, so that the OUs can go once the account is closed.
        cfn.updateStack(b -> b.stackName(members).templateBody(MEMBERS).parameters(p("Root", root), p("Team", "b"),
                p("Action", "ec2:DeleteVpc"), p("Placement", "root")));
        settled(mid, "UPDATE_COMPLETE");
        assertEquals(root, orgs.listParents(b -> b.childId(dev)).parents().get(0).id());
        assertEquals(List.of(ou), targets(guard));

        cfn.deleteStack(b -> b.stackName(mid));
        settled(mid, "DELETE_COMPLETE");
        assertTrue(orgs.listOrganizationalUnitsForParent(b -> b.parentId(root)).organizationalUnits().isEmpty());
        assertTrue(orgs.listPolicies(b -> b.filter(PolicyType.SERVICE_CONTROL_POLICY)).policies().stream()
                .noneMatch(x -> x.id().equals(guard)));
        assertTrue(List.of("PENDING_CLOSURE", "SUSPENDED").contains(orgs.describeAccount(b -> b.accountId(dev))
                .account().statusAsString()), "the account is closed");

        // The closed account stays a member: Organizations refuses to delete the organization, and the
        // stack's delete fails with its reason.
        cfn.deleteStack(b -> b.stackName(id2));
        settled(id2, "DELETE_FAILED");
        String reason = cfn.describeStackEvents(b -> b.stackName(id2)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Org") && "DELETE_FAILED".equals(e.resourceStatusAsString()))
                .findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("The organization isn't empty"), reason);
    }

    private static List<String> targets(String policyId) {
        return orgs.listTargetsForPolicy(b -> b.policyId(policyId)).targets().stream().map(t -> t.targetId())
                .sorted().toList();
    }
}
