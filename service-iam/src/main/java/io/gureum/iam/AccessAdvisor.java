package io.gureum.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.awssdk.services.iam.model.*;

/**
 * Service last accessed data, the basics (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_access-advisor.html):
 * a job lists the services the entity's policies (inline, attached, and a user's groups') grant by service prefix,
 * and completes at once. Gureum does not track access, so no service has LastAuthenticated data and
 * GetServiceLastAccessedDetailsWithEntities lists no entities. {@code "*"} actions (all services) add no entry.
 */
final class AccessAdvisor extends Family {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("s3", "Amazon S3"),
            Map.entry("sqs", "Amazon SQS"), Map.entry("sns", "Amazon SNS"), Map.entry("dynamodb", "Amazon DynamoDB"),
            Map.entry("ec2", "Amazon EC2"), Map.entry("lambda", "AWS Lambda"),
            Map.entry("iam", "AWS Identity and Access Management"), Map.entry("sts", "AWS Security Token Service"),
            Map.entry("logs", "Amazon CloudWatch Logs"), Map.entry("kms", "AWS Key Management Service"),
            Map.entry("ssm", "AWS Systems Manager"), Map.entry("secretsmanager", "AWS Secrets Manager"));

    record Job(String type, Instant created, List<String> namespaces) {
    }

    private final Policies policies;

    AccessAdvisor(ServiceContext context, IamStore store, Policies policies) {
        super(context, store);
        this.policies = policies;
    }

    public GenerateServiceLastAccessedDetailsResponse generateServiceLastAccessedDetails(
            GenerateServiceLastAccessedDetailsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            List<String> documents = documents(account, r.arn());
            TreeSet<String> namespaces = new TreeSet<>();
            documents.forEach(d -> namespaces.addAll(namespaces(d)));
            String id = java.util.UUID.nameUUIDFromBytes(context.ids().hex(32).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII)).toString();
            String type = r.granularityAsString() == null ? "SERVICE_LEVEL" : r.granularityAsString();
            account.accessJobs.put(id, new Job(type, now(), List.copyOf(namespaces)));
            return GenerateServiceLastAccessedDetailsResponse.builder().jobId(id).build();
        }
    }

    public GetServiceLastAccessedDetailsResponse getServiceLastAccessedDetails(GetServiceLastAccessedDetailsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Job job = job(account, r.jobId());
            List<ServiceLastAccessed> services = job.namespaces().stream().map(ns -> ServiceLastAccessed.builder()
                    .serviceNamespace(ns).serviceName(NAMES.getOrDefault(ns, ns)).totalAuthenticatedEntities(0)
                    .build()).toList();
            Paging<ServiceLastAccessed> page = Paging.page(services, ServiceLastAccessed::serviceNamespace, r.marker(),
                    r.maxItems());
            return GetServiceLastAccessedDetailsResponse.builder().jobStatus(JobStatusType.COMPLETED)
                    .jobType(job.type()).jobCreationDate(job.created()).jobCompletionDate(job.created())
                    .servicesLastAccessed(page.items()).isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public GetServiceLastAccessedDetailsWithEntitiesResponse getServiceLastAccessedDetailsWithEntities(
            GetServiceLastAccessedDetailsWithEntitiesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Job job = job(account, r.jobId());
            return GetServiceLastAccessedDetailsWithEntitiesResponse.builder().jobStatus(JobStatusType.COMPLETED)
                    .jobCreationDate(job.created()).jobCompletionDate(job.created()).entityDetailsList(List.of())
                    .isTruncated(false).build();
        }
    }

    private static Job job(IamStore.Account account, String id) {
        Job job = account.accessJobs.get(id);
        if (job == null) {
            throw IamErrors.noSuchEntity("Job " + id + " cannot be found.");
        }
        return job;
    }

    /** The policy documents of a user (with its groups), group, role or managed policy. Caller holds the lock. */
    private List<String> documents(IamStore.Account account, String arn) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "arn:[\\w-]+:iam::(\\d{12}|aws):(user|group|role|policy)/(?:.*/)?([^/]+)").matcher(arn);
        if (!m.matches()) {
            throw IamErrors.invalidInput("Invalid ARN: " + arn);
        }
        List<String> out = new ArrayList<>();
        switch (m.group(2)) {
            case "policy" -> {
                ManagedPolicy p = policies.find(account, arn);
                if (p == null) {
                    throw IamErrors.noSuchPolicy(arn);
                }
                out.add(p.defaultVersion().document());
            }
            case "user" -> {
                User u = Users.require(account, m.group(3));
                add(account, u, out);
                account.groups.values().stream().filter(g -> g.users.contains(u)).forEach(g -> add(account, g, out));
            }
            case "role" -> add(account, Roles.require(account, m.group(3)), out);
            default -> {
                Group g = account.groups.get(IamStore.key(m.group(3)));
                if (g == null) {
                    throw IamErrors.noSuchEntity("The group with name " + m.group(3) + " cannot be found.");
                }
                add(account, g, out);
            }
        }
        return out;
    }

    private void add(IamStore.Account account, Principal p, List<String> out) {
        out.addAll(p.inline.values());
        for (String arn : p.attached) {
            ManagedPolicy m = policies.find(account, arn);
            if (m != null) {
                out.add(m.defaultVersion().document());
            }
        }
    }

    private static List<String> namespaces(String document) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode statement = JSON.readTree(document).get("Statement");
            for (JsonNode s : statement.isArray() ? statement : List.of(statement)) {
                JsonNode actions = s.get("Action");
                if (actions == null) {
                    continue;
                }
                for (JsonNode a : actions.isArray() ? actions : List.of(actions)) {
                    int colon = a.asText().indexOf(':');
                    if (colon > 0) {
                        out.add(a.asText().substring(0, colon).toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // stored documents passed the grammar; nothing to add otherwise
        }
        return out;
    }
}
