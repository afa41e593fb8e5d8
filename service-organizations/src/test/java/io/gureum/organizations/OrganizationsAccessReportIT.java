package io.gureum.organizations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessDetail;
import software.amazon.awssdk.services.iam.model.GetOrganizationsAccessReportResponse;
import software.amazon.awssdk.services.iam.model.JobStatusType;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

/** IAM's Generate/GetOrganizationsAccessReport over this server's Organizations and its SCPs. */
class OrganizationsAccessReportIT extends OrgTestSupport {
    private static final String ONLY_SQS_AND_S3 = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":[\"sqs:*\",\"s3:Get*\"],\"Resource\":\"*\"}]}";

    private static IamClient iam(String account) {
        return client(IamClient.builder(), account);
    }

    private static GetOrganizationsAccessReportResponse finished(IamClient iam, String jobId) {
        aws.context().clock().advance(Duration.ofSeconds(2));
        return iam.getOrganizationsAccessReport(b -> b.jobId(jobId));
    }

    @Test
    void reportListsWhatEveryLevelsScpsAllow() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String orgId = orgs.describeOrganization().organization().id();
        String root = orgs.listRoots().roots().get(0).id();
        orgs.enablePolicyType(b -> b.rootId(root).policyType("SERVICE_CONTROL_POLICY"));
        String ou = orgs.createOrganizationalUnit(b -> b.parentId(root).name("apps")).organizationalUnit().id();
        String member = createAccount(orgs, unique("app"));
        orgs.moveAccount(b -> b.accountId(member).sourceParentId(root).destinationParentId(ou));
        String narrow = orgs.createPolicy(b -> b.name(unique("narrow")).description("d").type("SERVICE_CONTROL_POLICY")
                .content(ONLY_SQS_AND_S3)).policy().policySummary().id();
        orgs.attachPolicy(b -> b.policyId(narrow).targetId(ou));
        orgs.detachPolicy(b -> b.policyId("p-FullAWSAccess").targetId(ou));

        IamClient iam = iam(mgmt);
        String path = orgId + "/" + root + "/" + ou + "/" + member;
        String jobId = iam.generateOrganizationsAccessReport(b -> b.entityPath(path)).jobId();
        GetOrganizationsAccessReportResponse running = iam.getOrganizationsAccessReport(b -> b.jobId(jobId));
        // The job runs for a second of clock time: a busy machine may already find it done.
        if (running.jobStatus() == JobStatusType.IN_PROGRESS) {
            assertNull(running.jobCompletionDate());
        } else {
            assertEquals(JobStatusType.COMPLETED, running.jobStatus());
        }

        GetOrganizationsAccessReportResponse done = finished(iam, jobId);
        assertEquals(JobStatusType.COMPLETED, done.jobStatus());
        assertEquals(List.of("s3", "sqs"), done.accessDetails().stream().map(AccessDetail::serviceNamespace).toList());
        assertEquals(2, done.numberOfServicesAccessible());
        assertEquals(2, done.numberOfServicesNotAccessed());
        assertNull(done.accessDetails().get(0).lastAuthenticatedTime());
        assertEquals(List.of("sqs", "s3"), iam.getOrganizationsAccessReport(b -> b.jobId(jobId)
                .sortKey("SERVICE_NAMESPACE_DESCENDING")).accessDetails().stream()
                .map(AccessDetail::serviceNamespace).toList());

        // The root alone (FullAWSAccess) allows every service; paging with MaxItems.
        String rootJob = iam.generateOrganizationsAccessReport(b -> b.entityPath(orgId + "/" + root)).jobId();
        GetOrganizationsAccessReportResponse all = finished(iam, rootJob);
        assertTrue(all.numberOfServicesAccessible() > 10, all.toString());
        GetOrganizationsAccessReportResponse first = iam.getOrganizationsAccessReport(b -> b.jobId(rootJob).maxItems(3));
        assertEquals(3, first.accessDetails().size());
        assertTrue(first.isTruncated());
        GetOrganizationsAccessReportResponse second = iam.getOrganizationsAccessReport(b -> b.jobId(rootJob)
                .maxItems(3).marker(first.marker()));
        assertEquals(all.accessDetails().get(3), second.accessDetails().get(0));

        // One policy's own services.
        String policyJob = iam.generateOrganizationsAccessReport(b -> b.entityPath(orgId + "/" + root)
                .organizationsPolicyId(narrow)).jobId();
        assertEquals(2, finished(iam, policyJob).numberOfServicesAccessible());
    }

    @Test
    void failuresEndTheJobWithErrorDetails() {
        String mgmt = newOrganization();
        OrganizationsClient orgs = org(mgmt);
        String orgId = orgs.describeOrganization().organization().id();
        String root = orgs.listRoots().roots().get(0).id();
        IamClient iam = iam(mgmt);
        String noScps = iam.generateOrganizationsAccessReport(b -> b.entityPath(orgId + "/" + root)).jobId();
        GetOrganizationsAccessReportResponse failed = finished(iam, noScps);
        assertEquals(JobStatusType.FAILED, failed.jobStatus());
        assertEquals("PolicyTypeNotEnabled", failed.errorDetails().code());
        assertFalse(failed.hasAccessDetails() && !failed.accessDetails().isEmpty());

        orgs.enablePolicyType(b -> b.rootId(root).policyType("SERVICE_CONTROL_POLICY"));
        String wrongPath = iam.generateOrganizationsAccessReport(b -> b.entityPath(orgId + "/" + root
                + "/ou-abcd-12345678")).jobId();
        assertEquals("EntityNotFound", finished(iam, wrongPath).errorDetails().code());

        String member = createAccount(orgs, unique("m"));
        String notManagement = iam(member).generateOrganizationsAccessReport(b -> b.entityPath(orgId + "/" + root))
                .jobId();
        assertEquals("AccessDenied", finished(iam(member), notManagement).errorDetails().code());
        org.junit.jupiter.api.Assertions.assertThrows(
                software.amazon.awssdk.services.iam.model.NoSuchEntityException.class,
                () -> iam.getOrganizationsAccessReport(b -> b.jobId("00000000-0000-0000-0000-000000000000")));
    }
}
