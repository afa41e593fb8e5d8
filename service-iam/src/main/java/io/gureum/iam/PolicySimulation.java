package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import io.gureum.iam.policy.ContextKeys;
import io.gureum.iam.policy.RequestPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulateCustomPolicyResponse;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyRequest;
import software.amazon.awssdk.services.iam.model.SimulatePrincipalPolicyResponse;

/**
 * The policy simulator's API on {@link PolicySimulator}: SimulateCustomPolicy evaluates the given documents,
 * SimulatePrincipalPolicy a user's (with its groups'), group's or role's inline and attached policies and its
 * permissions boundary. One result per action and resource ({@code *} without ResourceArns), paged.
 */
final class PolicySimulation extends Family {
    private final Policies policies;

    PolicySimulation(ServiceContext context, IamStore store, Policies policies) {
        super(context, store);
        this.policies = policies;
    }

    public SimulateCustomPolicyResponse simulateCustomPolicy(SimulateCustomPolicyRequest r) {
        List<PolicySimulator.Source> sources = inputs(r.policyInputList(), "PolicyInputList");
        List<PolicySimulator.Source> boundary = inputs(r.permissionsBoundaryPolicyInputList(),
                "PermissionsBoundaryPolicyInputList");
        RequestPrincipal caller = r.callerArn() == null ? RequestPrincipal.root(io.gureum.core.protocol.RequestContext.current().accountId(), partition())
                : new RequestPrincipal(RequestPrincipal.Kind.USER, r.callerArn(), io.gureum.core.protocol.RequestContext.current().accountId(), Set.of());
        Paging<EvaluationResult> page = run(caller, sources, boundary, r.actionNames(), r.resourceArns(),
                PolicySimulator.context(r.contextEntries()), r.marker(), r.maxItems());
        return SimulateCustomPolicyResponse.builder().evaluationResults(page.items()).isTruncated(page.truncated())
                .marker(page.marker()).build();
    }

    public SimulatePrincipalPolicyResponse simulatePrincipalPolicy(SimulatePrincipalPolicyRequest r) {
        IamStore.Account account = account();
        List<PolicySimulator.Source> sources = new ArrayList<>();
        List<PolicySimulator.Source> boundary = new ArrayList<>();
        RequestPrincipal principal;
        synchronized (account) {
            Principal p = entity(account, r.policySourceArn());
            principal = new RequestPrincipal(RequestPrincipal.Kind.USER, p.arn, account.id, Set.of());
            identitySources(account, p, sources);
            if (p.permissionsBoundary != null && r.permissionsBoundaryPolicyInputList().isEmpty()) {
                ManagedPolicy b = policies.find(account, p.permissionsBoundary);
                if (b != null) {
                    boundary.add(PolicySimulator.source(b.arn, managedType(b), b.defaultVersion().document()));
                }
            }
        }
        sources.addAll(inputs(r.policyInputList(), "PolicyInputList"));
        boundary.addAll(inputs(r.permissionsBoundaryPolicyInputList(), "PermissionsBoundaryPolicyInputList"));
        Paging<EvaluationResult> page = run(principal, sources, boundary, r.actionNames(), r.resourceArns(),
                PolicySimulator.context(r.contextEntries()), r.marker(), r.maxItems());
        return SimulatePrincipalPolicyResponse.builder().evaluationResults(page.items()).isTruncated(page.truncated())
                .marker(page.marker()).build();
    }

    /** The identity policies of the user (with its groups'), group or role an ARN names. */
    List<PolicySimulator.Source> principalSources(String arn) {
        IamStore.Account account = account();
        List<PolicySimulator.Source> sources = new ArrayList<>();
        synchronized (account) {
            identitySources(account, entity(account, arn), sources);
        }
        return sources;
    }

    /** Caller holds the lock. */
    private void identitySources(IamStore.Account account, Principal p, List<PolicySimulator.Source> sources) {
        String type = p instanceof User ? "user" : p instanceof Role ? "role" : "group";
        add(account, p, type, sources);
        if (p instanceof User u) {
            for (Group g : account.groups.values()) {
                if (g.users.contains(u)) {
                    add(account, g, "group", sources);
                }
            }
        }
    }

    private static Paging<EvaluationResult> run(RequestPrincipal principal, List<PolicySimulator.Source> sources,
            List<PolicySimulator.Source> boundary, List<String> actions, List<String> resources, ContextKeys context,
            String marker, Integer maxItems) {
        List<String> targets = resources.isEmpty() ? List.of("*") : resources;
        List<EvaluationResult> results = new ArrayList<>();
        for (String action : actions) {
            for (String resource : targets) {
                results.add(PolicySimulator.evaluate(principal, sources, boundary, action, resource, context));
            }
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            keys.add(String.format("%08d", i));
        }
        List<Integer> order = java.util.stream.IntStream.range(0, results.size()).boxed().toList();
        Paging<Integer> page = Paging.page(order, i -> keys.get(i), marker, maxItems);
        return new Paging<>(page.items().stream().map(results::get).toList(), page.truncated(), page.marker());
    }

    private static List<PolicySimulator.Source> inputs(List<String> documents, String list) {
        List<PolicySimulator.Source> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            out.add(PolicySimulator.source(list + "." + (i + 1), "none", documents.get(i)));
        }
        return out;
    }

    private void add(IamStore.Account account, Principal p, String type, List<PolicySimulator.Source> sources) {
        p.inline.forEach((name, doc) -> sources.add(PolicySimulator.source(name, type, doc)));
        for (String arn : p.attached) {
            ManagedPolicy m = policies.find(account, arn);
            if (m != null) {
                sources.add(PolicySimulator.source(m.name, managedType(m), m.defaultVersion().document()));
            }
        }
    }

    private static String managedType(ManagedPolicy m) {
        return m.awsManaged ? "aws-managed" : "user-managed";
    }

    /** The user, group or role an ARN names. Caller holds the lock. */
    private static Principal entity(IamStore.Account account, String arn) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("arn:[\\w-]+:iam::(\\d{12}):(user|group|role)/(?:.*/)?([^/]+)")
                .matcher(arn);
        if (!m.matches()) {
            throw IamErrors.invalidInput("Invalid ARN: " + arn);
        }
        return switch (m.group(2)) {
            case "user" -> Users.require(account, m.group(3));
            case "role" -> Roles.require(account, m.group(3));
            default -> {
                Group g = account.groups.get(IamStore.key(m.group(3)));
                if (g == null) {
                    throw IamErrors.noSuchEntity("The group with name " + m.group(3) + " cannot be found.");
                }
                yield g;
            }
        };
    }
}
