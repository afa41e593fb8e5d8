package io.gureum.iam;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.iam.model.*;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.AwsOrganizationsNotInUseException;
import software.amazon.awssdk.services.organizations.model.Organization;
import software.amazon.awssdk.services.organizations.model.PolicySummary;
import software.amazon.awssdk.services.organizations.model.PolicyType;
import software.amazon.awssdk.services.organizations.model.Root;

/**
 * Organizations' service last accessed reports
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GenerateOrganizationsAccessReport.html): for an entity
 * path ({@code o-…/r-…[/ou-…]*[/account]}) the services the SCPs on the way from the root allow (each level must
 * allow, as SCPs are evaluated), or those of one {@code OrganizationsPolicyId}. The job runs on the core clock: it
 * is {@code IN_PROGRESS} for {@link #RUNNING} after it is made. Its checks are Organizations' answers, asked
 * in-process: the caller must be the management account of an organization with SCPs enabled and the path must be
 * the entity's; otherwise the job ends {@code FAILED} with {@code ErrorDetails}. Gureum does not track access, so
 * no service has last-access data and every accessible service counts as not accessed. The services considered
 * are those this server serves ({@link #NAMESPACES}).
 */
final class OrganizationsAccessReports extends Family {
    static final Duration RUNNING = Duration.ofSeconds(1);
    static final Map<String, String> NAMESPACES = Map.ofEntries(Map.entry("cloudformation", "AWS CloudFormation"),
            Map.entry("cloudwatch", "Amazon CloudWatch"), Map.entry("dynamodb", "Amazon DynamoDB"),
            Map.entry("ec2", "Amazon EC2"), Map.entry("ecr", "Amazon Elastic Container Registry"),
            Map.entry("events", "Amazon EventBridge"), Map.entry("iam", "AWS Identity and Access Management"),
            Map.entry("kms", "AWS Key Management Service"), Map.entry("lambda", "AWS Lambda"),
            Map.entry("logs", "Amazon CloudWatch Logs"), Map.entry("organizations", "AWS Organizations"),
            Map.entry("s3", "Amazon S3"), Map.entry("scheduler", "Amazon EventBridge Scheduler"),
            Map.entry("secretsmanager", "AWS Secrets Manager"), Map.entry("sns", "Amazon SNS"),
            Map.entry("sqs", "Amazon SQS"), Map.entry("ssm", "AWS Systems Manager"),
            Map.entry("sts", "AWS Security Token Service"), Map.entry("tag", "AWS Resource Groups Tagging API"));

    /** A report: when made, the services found, or why it failed. */
    record Job(Instant created, List<String> namespaces, String errorCode, String errorMessage) {
    }

    OrganizationsAccessReports(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public GenerateOrganizationsAccessReportResponse generateOrganizationsAccessReport(
            GenerateOrganizationsAccessReportRequest r) {
        Job job;
        try {
            job = new Job(now(), List.copyOf(allowed(r.entityPath(), r.organizationsPolicyId())), null, null);
        } catch (Failed f) {
            job = new Job(now(), List.of(), f.code, f.getMessage());
        }
        IamStore.Account account = account();
        synchronized (account) {
            String id = java.util.UUID.nameUUIDFromBytes(context.ids().hex(32).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII)).toString();
            account.orgAccessJobs.put(id, job);
            return GenerateOrganizationsAccessReportResponse.builder().jobId(id).build();
        }
    }

    public GetOrganizationsAccessReportResponse getOrganizationsAccessReport(GetOrganizationsAccessReportRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Job job = account.orgAccessJobs.get(r.jobId());
            if (job == null) {
                throw IamErrors.noSuchEntity("Job " + r.jobId() + " cannot be found.");
            }
            GetOrganizationsAccessReportResponse.Builder b = GetOrganizationsAccessReportResponse.builder()
                    .jobCreationDate(job.created());
            Instant done = job.created().plus(RUNNING);
            if (context.clock().now().isBefore(done)) {
                return b.jobStatus(JobStatusType.IN_PROGRESS).isTruncated(false).build();
            }
            b.jobCompletionDate(done);
            if (job.errorCode() != null) {
                return b.jobStatus(JobStatusType.FAILED).isTruncated(false).errorDetails(ErrorDetails.builder()
                        .code(job.errorCode()).message(job.errorMessage()).build()).build();
            }
            // No service has a last-access time, so the time sort keys leave the namespace order.
            Comparator<String> order = "SERVICE_NAMESPACE_DESCENDING".equals(r.sortKeyAsString())
                    ? Comparator.reverseOrder() : Comparator.naturalOrder();
            List<AccessDetail> details = job.namespaces().stream().sorted(order).map(ns -> AccessDetail.builder()
                    .serviceNamespace(ns).serviceName(NAMESPACES.getOrDefault(ns, ns)).totalAuthenticatedEntities(0)
                    .build()).toList();
            // Paged by position (the marker's key must grow in answer order, whichever way it is sorted).
            List<Map.Entry<String, AccessDetail>> keyed = new ArrayList<>();
            for (int i = 0; i < details.size(); i++) {
                keyed.add(Map.entry(String.format("%05d", i), details.get(i)));
            }
            Paging<Map.Entry<String, AccessDetail>> page = Paging.page(keyed, Map.Entry::getKey, r.marker(),
                    r.maxItems());
            return b.jobStatus(JobStatusType.COMPLETED).numberOfServicesAccessible(details.size())
                    .numberOfServicesNotAccessed(details.size())
                    .accessDetails(page.items().stream().map(Map.Entry::getValue).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    private static final class Failed extends RuntimeException {
        final String code;

        Failed(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** The namespaces the entity's SCPs (or the one policy) allow. */
    private TreeSet<String> allowed(String entityPath, String policyId) {
        String account = RequestContext.current().accountId();
        OrganizationsClient orgs = context.clients().client(OrganizationsClient.class,
                Caller.root(account, RequestContext.current().region()));
        Organization org;
        try {
            org = orgs.describeOrganization(b -> { }).organization();
        } catch (AwsOrganizationsNotInUseException | IllegalStateException e) {
            throw new Failed("AccessDenied", "Your account is not a member of an organization.");
        }
        if (!account.equals(org.masterAccountId())) {
            throw new Failed("AccessDenied", "Only the management account of the organization can generate "
                    + "an organizations access report.");
        }
        Root root = orgs.listRoots(b -> { }).roots().get(0);
        boolean scps = root.policyTypes().stream().anyMatch(t -> t.type() == PolicyType.SERVICE_CONTROL_POLICY
                && "ENABLED".equals(t.statusAsString()));
        if (!scps) {
            throw new Failed("PolicyTypeNotEnabled", "Service control policies are not enabled for the organization root.");
        }
        String[] parts = entityPath.split("/");
        String target = parts[parts.length - 1];
        if (!entityPath.equals(path(orgs, org.id(), root.id(), target))) {
            throw new Failed("EntityNotFound", "The entity path " + entityPath + " does not exist in the organization.");
        }
        if (policyId != null) {
            return namespaces(List.of(content(orgs, policyId)));
        }
        TreeSet<String> allowed = null;
        for (int i = 1; i < parts.length; i++) {
            String id = parts[i];
            List<String> documents = new ArrayList<>();
            for (PolicySummary p : orgs.listPoliciesForTarget(b -> b.targetId(id)
                    .filter(PolicyType.SERVICE_CONTROL_POLICY)).policies()) {
                documents.add(content(orgs, p.id()));
            }
            TreeSet<String> level = namespaces(documents);
            if (allowed == null) {
                allowed = level;
            } else {
                allowed.retainAll(level);
            }
        }
        return allowed == null ? new TreeSet<>() : allowed;
    }

    /** The entity's real path, from its parents up to the root; null when Organizations does not know it. */
    private static String path(OrganizationsClient orgs, String orgId, String rootId, String target) {
        List<String> ids = new ArrayList<>();
        String id = target;
        try {
            while (!id.equals(rootId)) {
                ids.add(0, id);
                String child = id;
                id = orgs.listParents(b -> b.childId(child)).parents().get(0).id();
            }
        } catch (software.amazon.awssdk.services.organizations.model.OrganizationsException e) {
            return null;
        }
        return orgId + "/" + rootId + (ids.isEmpty() ? "" : "/" + String.join("/", ids));
    }

    private static String content(OrganizationsClient orgs, String policyId) {
        try {
            return orgs.describePolicy(b -> b.policyId(policyId)).policy().content();
        } catch (software.amazon.awssdk.services.organizations.model.OrganizationsException e) {
            throw new Failed("EntityNotFound", "The policy " + policyId + " does not exist in the organization.");
        }
    }

    private static TreeSet<String> namespaces(List<String> documents) {
        TreeSet<String> out = new TreeSet<>();
        for (String ns : NAMESPACES.keySet()) {
            if (documents.stream().anyMatch(d -> ServiceAccessPolicies.grants(d, ns))) {
                out.add(ns);
            }
        }
        return out;
    }
}
