package io.gureum.s3.control;

import static io.gureum.s3.control.StorageLensIT.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.junit5.GureumExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3control.S3ControlClient;
import software.amazon.awssdk.services.s3control.model.CreateAccessGrantResponse;
import software.amazon.awssdk.services.s3control.model.CreateAccessGrantsInstanceResponse;
import software.amazon.awssdk.services.s3control.model.CreateAccessGrantsLocationResponse;
import software.amazon.awssdk.services.s3control.model.GranteeType;
import software.amazon.awssdk.services.s3control.model.ListAccessGrantsResponse;
import software.amazon.awssdk.services.s3control.model.Permission;
import software.amazon.awssdk.services.s3control.model.Tag;

/**
 * S3 Access Grants without IAM and STS on the server: instances, their resource policy and Identity Center
 * association, locations (any well-formed role ARN), grants, the instance for a prefix, and GetDataAccess's
 * matching (the credentials themselves need STS: {@code AccessPointAuthorizationIT} in service-iam). Each test
 * uses a Region of its own, since an account has one instance per Region.
 */
class AccessGrantsIT {
    static final String ACCOUNT = "000000000000";
    static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/grants";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    static S3ControlClient in(String region) {
        return ControlClients.control(gureum, "test", region);
    }

    @Test
    void theInstanceIsCreatedReadPolicedAssociatedListedAndDeleted() {
        try (S3ControlClient c = in("us-west-1")) {
            assertError("AccessGrantsInstanceNotExistsError", 404, () -> c.getAccessGrantsInstance(r -> r
                    .accountId(ACCOUNT)));
            assertError("AccessGrantsInstanceNotExistsError", 404, () -> c.createAccessGrantsLocation(r -> r
                    .accountId(ACCOUNT).locationScope("s3://").iamRoleArn(ROLE)));
            CreateAccessGrantsInstanceResponse created = c.createAccessGrantsInstance(r -> r.accountId(ACCOUNT)
                    .tags(Tag.builder().key("team").value("a").build()));
            String arn = "arn:aws:s3:us-west-1:" + ACCOUNT + ":access-grants/default";
            assertEquals(arn, created.accessGrantsInstanceArn());
            assertEquals("default", created.accessGrantsInstanceId());
            assertError("AccessGrantsInstanceAlreadyExists", 409, () -> c.createAccessGrantsInstance(r -> r
                    .accountId(ACCOUNT)));
            assertEquals(created.createdAt(), c.getAccessGrantsInstance(r -> r.accountId(ACCOUNT)).createdAt());
            assertEquals(List.of(arn), c.listAccessGrantsInstances(r -> r.accountId(ACCOUNT))
                    .accessGrantsInstancesList().stream().map(e -> e.accessGrantsInstanceArn()).toList());
            assertEquals(Map.of("team", "a"), AccessPointsIT.tagsOf(c, arn));

            assertError("AccessGrantsInstanceResourcePolicyNotExists", 404, () -> c
                    .getAccessGrantsInstanceResourcePolicy(r -> r.accountId(ACCOUNT)));
            assertError("InvalidResourcePolicy", 400, () -> c.putAccessGrantsInstanceResourcePolicy(r -> r
                    .accountId(ACCOUNT).policy("not json")));
            String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
            c.putAccessGrantsInstanceResourcePolicy(r -> r.accountId(ACCOUNT).policy(policy).organization("o-abc"));
            var got = c.getAccessGrantsInstanceResourcePolicy(r -> r.accountId(ACCOUNT));
            assertEquals(policy, got.policy());
            assertEquals("o-abc", got.organization());
            c.deleteAccessGrantsInstanceResourcePolicy(r -> r.accountId(ACCOUNT));
            assertError("AccessGrantsInstanceResourcePolicyNotExists", 404, () -> c
                    .getAccessGrantsInstanceResourcePolicy(r -> r.accountId(ACCOUNT)));

            String center = "arn:aws:sso:::instance/ssoins-1234567890abcdef";
            assertError("InvalidIdentityCenterInstance", 400, () -> c.associateAccessGrantsIdentityCenter(r -> r
                    .accountId(ACCOUNT).identityCenterArn("arn:aws:sso:::instance/nope")));
            c.associateAccessGrantsIdentityCenter(r -> r.accountId(ACCOUNT).identityCenterArn(center));
            assertEquals(center, c.getAccessGrantsInstance(r -> r.accountId(ACCOUNT)).identityCenterArn());
            c.dissociateAccessGrantsIdentityCenter(r -> r.accountId(ACCOUNT));
            assertNull(c.getAccessGrantsInstance(r -> r.accountId(ACCOUNT)).identityCenterArn());

            c.deleteAccessGrantsInstance(r -> r.accountId(ACCOUNT));
            assertError("AccessGrantsInstanceNotExistsError", 404, () -> c.deleteAccessGrantsInstance(r -> r
                    .accountId(ACCOUNT)));
            assertError("AccessDenied", 403, () -> c.getAccessGrantsInstance(r -> r.accountId("111122223333")));
        }
    }

    @Test
    void locationsAndGrants() {
        try (S3ControlClient c = in("eu-west-1")) {
            c.createAccessGrantsInstance(r -> r.accountId(ACCOUNT));
            assertError("InvalidAccessGrantsLocation", 400, () -> c.createAccessGrantsLocation(r -> r
                    .accountId(ACCOUNT).locationScope("http://bucket").iamRoleArn(ROLE)));
            assertError("InvalidIamRole", 400, () -> c.createAccessGrantsLocation(r -> r.accountId(ACCOUNT)
                    .locationScope("s3://bucket").iamRoleArn("arn:aws:iam::" + ACCOUNT + ":user/u")));
            CreateAccessGrantsLocationResponse all = c.createAccessGrantsLocation(r -> r.accountId(ACCOUNT)
                    .locationScope("s3://").iamRoleArn(ROLE));
            assertEquals("default", all.accessGrantsLocationId());
            CreateAccessGrantsLocationResponse data = c.createAccessGrantsLocation(r -> r.accountId(ACCOUNT)
                    .locationScope("s3://data-bucket/team").iamRoleArn(ROLE));
            assertEquals("arn:aws:s3:eu-west-1:" + ACCOUNT + ":access-grants/default/location/"
                    + data.accessGrantsLocationId(), data.accessGrantsLocationArn());
            assertError("AccessGrantsLocationAlreadyExistsError", 409, () -> c.createAccessGrantsLocation(r -> r
                    .accountId(ACCOUNT).locationScope("s3://data-bucket/team").iamRoleArn(ROLE)));
            String other = "arn:aws:iam::" + ACCOUNT + ":role/other";
            assertEquals(other, c.updateAccessGrantsLocation(r -> r.accountId(ACCOUNT)
                    .accessGrantsLocationId(data.accessGrantsLocationId()).iamRoleArn(other)).iamRoleArn());
            assertEquals(other, c.getAccessGrantsLocation(r -> r.accountId(ACCOUNT)
                    .accessGrantsLocationId(data.accessGrantsLocationId())).iamRoleArn());
            assertEquals(2, c.listAccessGrantsLocations(r -> r.accountId(ACCOUNT)).accessGrantsLocationsList().size());
            assertEquals(List.of(data.accessGrantsLocationId()), c.listAccessGrantsLocations(r -> r.accountId(ACCOUNT)
                    .locationScope("s3://data-bucket/team")).accessGrantsLocationsList().stream()
                    .map(l -> l.accessGrantsLocationId()).toList());
            var page = c.listAccessGrantsLocations(r -> r.accountId(ACCOUNT).maxResults(1));
            assertEquals(1, page.accessGrantsLocationsList().size());
            assertEquals(1, c.listAccessGrantsLocations(r -> r.accountId(ACCOUNT).nextToken(page.nextToken()))
                    .accessGrantsLocationsList().size());

            String me = "arn:aws:iam::" + ACCOUNT + ":root";
            CreateAccessGrantResponse grant = c.createAccessGrant(r -> r.accountId(ACCOUNT)
                    .accessGrantsLocationId(data.accessGrantsLocationId())
                    .accessGrantsLocationConfiguration(l -> l.s3SubPrefix("reports/*"))
                    .grantee(g -> g.granteeType(GranteeType.IAM).granteeIdentifier(me)).permission(Permission.READ));
            assertEquals("s3://data-bucket/team/reports/*", grant.grantScope());
            assertError("AccessGrantAlreadyExists", 409, () -> c.createAccessGrant(r -> r.accountId(ACCOUNT)
                    .accessGrantsLocationId(data.accessGrantsLocationId())
                    .accessGrantsLocationConfiguration(l -> l.s3SubPrefix("reports/*"))
                    .grantee(g -> g.granteeType(GranteeType.IAM).granteeIdentifier(me)).permission(Permission.READ)));
            c.createAccessGrant(r -> r.accountId(ACCOUNT).accessGrantsLocationId("default")
                    .grantee(g -> g.granteeType(GranteeType.DIRECTORY_USER).granteeIdentifier("user-1"))
                    .permission(Permission.READWRITE));
            assertEquals(grant.grantScope(), c.getAccessGrant(r -> r.accountId(ACCOUNT)
                    .accessGrantId(grant.accessGrantId())).grantScope());
            ListAccessGrantsResponse mine = c.listAccessGrants(r -> r.accountId(ACCOUNT).granteeType(GranteeType.IAM));
            assertEquals(List.of(grant.accessGrantId()), mine.accessGrantsList().stream().map(g -> g.accessGrantId())
                    .toList());
            assertEquals(2, c.listAccessGrants(r -> r.accountId(ACCOUNT)).accessGrantsList().size());
            assertEquals(List.of(grant.grantScope()), c.listCallerAccessGrants(r -> r.accountId(ACCOUNT))
                    .callerAccessGrantsList().stream().map(g -> g.grantScope()).toList());

            assertEquals("default", c.getAccessGrantsInstanceForPrefix(r -> r.accountId(ACCOUNT)
                    .s3Prefix("s3://data-bucket/team/x")).accessGrantsInstanceId());

            // GetDataAccess: no grant covers a write, nor another prefix; the read is matched but STS is not served.
            assertError("AccessDenied", 403, () -> c.getDataAccess(r -> r.accountId(ACCOUNT)
                    .target("s3://data-bucket/team/reports/q1.csv").permission(Permission.WRITE)));
            assertError("AccessDenied", 403, () -> c.getDataAccess(r -> r.accountId(ACCOUNT)
                    .target("s3://data-bucket/team/other/*").permission(Permission.READ)));
            assertError("NotImplemented", 501, () -> c.getDataAccess(r -> r.accountId(ACCOUNT)
                    .target("s3://data-bucket/team/reports/q1.csv").permission(Permission.READ)));

            c.tagResource(r -> r.accountId(ACCOUNT).resourceArn(grant.accessGrantArn())
                    .tags(Tag.builder().key("k").value("v").build()));
            assertEquals(Map.of("k", "v"), AccessPointsIT.tagsOf(c, grant.accessGrantArn()));

            assertError("AccessGrantsLocationNotEmptyError", 400, () -> c.deleteAccessGrantsLocation(r -> r
                    .accountId(ACCOUNT).accessGrantsLocationId(data.accessGrantsLocationId())));
            assertError("AccessGrantsInstanceNotEmptyError", 400, () -> c.deleteAccessGrantsInstance(r -> r
                    .accountId(ACCOUNT)));
            c.deleteAccessGrant(r -> r.accountId(ACCOUNT).accessGrantId(grant.accessGrantId()));
            assertError("NoSuchAccessGrantError", 404, () -> c.getAccessGrant(r -> r.accountId(ACCOUNT)
                    .accessGrantId(grant.accessGrantId())));
            assertError("NoSuchAccessGrantError", 404, () -> c.listTagsForResource(r -> r.accountId(ACCOUNT)
                    .resourceArn(grant.accessGrantArn())));
            c.deleteAccessGrantsLocation(r -> r.accountId(ACCOUNT).accessGrantsLocationId(data.accessGrantsLocationId()));
            assertError("NoSuchAccessGrantsLocationError", 404, () -> c.getAccessGrantsLocation(r -> r
                    .accountId(ACCOUNT).accessGrantsLocationId(data.accessGrantsLocationId())));
            assertEquals("default", c.getAccessGrantsInstanceForPrefix(r -> r.accountId(ACCOUNT)
                    .s3Prefix("s3://data-bucket/team/x")).accessGrantsInstanceId(), "the s3:// location covers it");
            assertTrue(c.listAccessGrants(r -> r.accountId(ACCOUNT)).accessGrantsList().size() == 1);
        }
    }
}
