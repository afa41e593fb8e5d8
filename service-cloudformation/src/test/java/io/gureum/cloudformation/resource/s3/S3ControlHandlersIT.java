package io.gureum.cloudformation.resource.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.StorageLensTag;
import software.amazon.awssdk.services.s3control.model.Tag;

/**
 * AWS::S3::StorageLens, StorageLensGroup, AccessGrantsInstance, AccessGrantsLocation and AccessGrant: each created,
 * updated where the type allows, and deleted, checked through S3 Control.
 */
class S3ControlHandlersIT extends HandlerTestSupport {

    static int status(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(AwsServiceException.class, call).statusCode();
    }

    @Test
    void storageLensAndItsGroups() {
        S3ControlClient control = client(S3ControlClient.class);
        Deployed lens = create(new StorageLensHandler(), "Lens", props("{'StorageLensConfiguration':{'Id':'dash',"
                + "'IsEnabled':true,'AccountLevel':{'BucketLevel':{}},'Include':{'Regions':['us-east-1']}},"
                + "'Tags':[{'Key':'env','Value':'dev'}]}"));
        assertEquals("dash", lens.id());
        assertEquals("arn:aws:s3:us-east-1:" + account + ":storage-lens/dash",
                lens.att("StorageLensConfiguration.StorageLensArn"));
        assertEquals(List.of("us-east-1"), control.getStorageLensConfiguration(g -> g.accountId(account)
                .configId("dash")).storageLensConfiguration().include().regions());
        var changed = props("{'StorageLensConfiguration':{'Id':'dash','IsEnabled':false,'AccountLevel':"
                + "{'BucketLevel':{}}}}");
        assertFalse(replaces(lens, changed));
        assertTrue(replaces(lens, props("{'StorageLensConfiguration':{'Id':'other','IsEnabled':false,"
                + "'AccountLevel':{'BucketLevel':{}}}}")), "a new Id replaces it");
        Deployed lens2 = update(lens, changed);
        assertFalse(control.getStorageLensConfiguration(g -> g.accountId(account).configId("dash"))
                .storageLensConfiguration().isEnabled());
        assertEquals(List.<StorageLensTag>of(), control.getStorageLensConfigurationTagging(g -> g.accountId(account)
                .configId("dash")).tags());
        delete(lens2);
        assertEquals(404, status(() -> control.getStorageLensConfiguration(g -> g.accountId(account)
                .configId("dash"))));
        delete(lens2);

        Deployed group = create(new StorageLensGroupHandler(), "Group", props("{'Name':'logs','Filter':"
                + "{'MatchAnyPrefix':['logs/']},'Tags':[{'Key':'env','Value':'dev'}]}"));
        String arn = "arn:aws:s3:us-east-1:" + account + ":storage-lens-group/logs";
        assertEquals("logs", group.id());
        assertEquals(arn, group.att("StorageLensGroupArn"));
        assertEquals(Map.of("env", "dev"), tags(control, arn), "no aws:cloudformation tags on this type");
        var filter = props("{'Name':'logs','Filter':{'And':{'MatchAnySuffix':['.log'],'MatchObjectAge':"
                + "{'DaysGreaterThan':30}}},'Tags':[{'Key':'team','Value':'a'}]}");
        assertFalse(replaces(group, filter));
        Deployed group2 = update(group, filter);
        assertEquals(30, control.getStorageLensGroup(g -> g.accountId(account).name("logs")).storageLensGroup()
                .filter().and().matchObjectAge().daysGreaterThan());
        assertEquals(Map.of("team", "a"), tags(control, arn));
        assertTrue(replaces(group2, props("{'Name':'other','Filter':{'MatchAnyPrefix':['x']}}")));
        delete(group2);
        assertEquals(404, status(() -> control.getStorageLensGroup(g -> g.accountId(account).name("logs"))));
    }

    @Test
    void accessGrantsInstanceLocationAndGrant() {
        S3ControlClient control = client(S3ControlClient.class);
        IamClient iam = client(IamClient.class);
        String trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "\"access-grants.s3.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
        String role = iam.createRole(b -> b.roleName("grants").assumeRolePolicyDocument(trust)).role().arn();
        String role2 = iam.createRole(b -> b.roleName("grants2").assumeRolePolicyDocument(trust)).role().arn();

        Deployed instance = create(new AccessGrantsInstanceHandler(), "Instance", props("{}"));
        String instanceArn = "arn:aws:s3:us-east-1:" + account + ":access-grants/default";
        assertEquals(instanceArn, instance.id());
        assertEquals("default", instance.att("AccessGrantsInstanceId"));
        String center = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
        var associated = props("{'IdentityCenterArn':'" + center + "'}");
        assertFalse(replaces(instance, associated));
        Deployed instance2 = update(instance, associated);
        assertEquals(center, control.getAccessGrantsInstance(g -> g.accountId(account)).identityCenterArn());

        Deployed location = create(new AccessGrantsLocationHandler(), "Location", props("{'LocationScope':"
                + "'s3://cfn-data','IamRoleArn':'" + role + "','Tags':[{'Key':'env','Value':'dev'}]}"));
        assertEquals("arn:aws:s3:us-east-1:" + account + ":access-grants/default/location/" + location.id(),
                location.att("AccessGrantsLocationArn"));
        var newRole = props("{'LocationScope':'s3://cfn-data','IamRoleArn':'" + role2
                + "','Tags':[{'Key':'env','Value':'dev'}]}");
        assertFalse(replaces(location, newRole));
        assertTrue(replaces(location, props("{'LocationScope':'s3://other','IamRoleArn':'" + role2
                + "','Tags':[{'Key':'env','Value':'dev'}]}")));
        Deployed location2 = update(location, newRole);
        assertEquals(role2, control.getAccessGrantsLocation(g -> g.accountId(account)
                .accessGrantsLocationId(location.id())).iamRoleArn());
        assertEquals(400, status(() -> create(new AccessGrantsLocationHandler(), "Bad", props("{'LocationScope':"
                + "'s3://x','IamRoleArn':'arn:aws:iam::" + account + ":role/missing'}"))), "the role must exist");

        Deployed grant = create(new AccessGrantHandler(), "Grant", props("{'AccessGrantsLocationId':'" + location.id()
                + "','AccessGrantsLocationConfiguration':{'S3SubPrefix':'reports/*'},'Permission':'READ',"
                + "'Grantee':{'GranteeType':'IAM','GranteeIdentifier':'arn:aws:iam::" + account + ":root'},"
                + "'Tags':[{'Key':'k','Value':'v'}]}"));
        assertEquals("s3://cfn-data/reports/*", grant.att("GrantScope"));
        assertEquals(grant.id(), grant.att("AccessGrantId"));
        assertEquals(Map.of("k", "v"), tags(control, grant.att("AccessGrantArn")));
        assertTrue(replaces(grant, props("{'AccessGrantsLocationId':'" + location.id() + "','Permission':'WRITE',"
                + "'Grantee':{'GranteeType':'IAM','GranteeIdentifier':'arn:aws:iam::" + account + ":root'}}")));

        delete(grant);
        assertEquals(404, status(() -> control.getAccessGrant(g -> g.accountId(account).accessGrantId(grant.id()))));
        delete(location2);
        assertEquals(404, status(() -> control.getAccessGrantsLocation(g -> g.accountId(account)
                .accessGrantsLocationId(location.id()))));
        delete(instance2);
        assertEquals(404, status(() -> control.getAccessGrantsInstance(g -> g.accountId(account))));
        delete(instance2);
    }

    static Map<String, String> tags(S3ControlClient control, String arn) {
        return control.listTagsForResource(l -> l.accountId(arn.split(":")[4]).resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @Test
    void multiRegionAccessPointAndItsPolicy() {
        S3ControlClient control = client(S3ControlClient.class);
        String bucket = "cfn-mrap-" + account;
        client(software.amazon.awssdk.services.s3.S3Client.class).createBucket(b -> b.bucket(bucket));
        Deployed mrap = create(new MultiRegionAccessPointHandler(), "Mrap", props("{'Name':'cfn-mrap','Regions':"
                + "[{'Bucket':'" + bucket + "'}]}"));
        assertEquals("cfn-mrap", mrap.id());
        var report = control.getMultiRegionAccessPoint(g -> g.accountId(account).name("cfn-mrap")).accessPoint();
        assertEquals(report.alias(), mrap.att("Alias"));
        assertEquals(report.createdAt().toString(), mrap.att("CreatedAt"));
        assertTrue(replaces(mrap, props("{'Name':'cfn-mrap','Regions':[{'Bucket':'other'}]}")));
        assertTrue(assertThrows(RuntimeException.class, () -> create(new MultiRegionAccessPointHandler(), "Again",
                        props("{'Name':'cfn-mrap','Regions':[{'Bucket':'" + bucket + "'}]}"))).getMessage()
                        .contains("MultiRegionAccessPointAlreadyOwnedByYou"), "a failed request fails the resource");

        String own = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::"
                + account + ":root'},'Action':'s3:GetObject','Resource':'*'}]}";
        Deployed policy = create(new MultiRegionAccessPointPolicyHandler(), "Policy", props("{'MrapName':'cfn-mrap',"
                + "'Policy':" + own + "}"));
        assertEquals("cfn-mrap", policy.id());
        assertEquals("false", policy.att("PolicyStatus.IsPublic"));
        var changed = props("{'MrapName':'cfn-mrap','Policy':" + own.replace("s3:GetObject", "s3:PutObject") + "}");
        assertFalse(replaces(policy, changed));
        Deployed policy2 = update(policy, changed);
        assertTrue(control.getMultiRegionAccessPointPolicy(g -> g.accountId(account).name("cfn-mrap")).policy()
                .established().policy().contains("s3:PutObject"));
        delete(policy2); // no API removes it: the policy stays, as with AWS's provider
        delete(mrap);
        assertEquals(404, status(() -> control.getMultiRegionAccessPoint(g -> g.accountId(account).name("cfn-mrap"))));
        delete(mrap);
        delete(policy2);
    }

    /** An organization-level Storage Lens configuration needs the account to manage that organization. */
    @Test
    void organizationLevelStorageLens() {
        String lens = "{'StorageLensConfiguration':{'Id':'org','IsEnabled':true,'AccountLevel':{'BucketLevel':{}},"
                + "'AwsOrg':{'Arn':'%s'}}}";
        AwsServiceException outside = assertThrows(AwsServiceException.class, () -> create(new StorageLensHandler(),
                "Org", props(lens.formatted("arn:aws:organizations::" + account + ":organization/o-abcdefghij"))));
        assertEquals("AWSOrganizationsNotInUseException", outside.awsErrorDetails().errorCode());
        assertEquals(403, outside.statusCode());
        String arn = client(software.amazon.awssdk.services.organizations.OrganizationsClient.class)
                .createOrganization(b -> b.featureSet("ALL")).organization().arn();
        AwsServiceException other = assertThrows(AwsServiceException.class, () -> create(new StorageLensHandler(),
                "Org", props(lens.formatted(arn.replaceAll("o-[a-z0-9]+$", "o-zzzzzzzzzz")))));
        assertEquals("InvalidOrganizationARN", other.awsErrorDetails().errorCode());
        Deployed d = create(new StorageLensHandler(), "Org", props(lens.formatted(arn)));
        assertEquals(arn, client(S3ControlClient.class).getStorageLensConfiguration(g -> g.accountId(account)
                .configId("org")).storageLensConfiguration().awsOrg().arn());
        delete(d);
    }
}
