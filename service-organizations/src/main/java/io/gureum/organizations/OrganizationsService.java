package io.gureum.organizations;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.core.time.DueTimer;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Registers AWS Organizations with core. A global service, like IAM: one state per server whatever the
 * request's region (its endpoint is in us-east-1), shared by every account of every organization. Each
 * resource family is a provider: {@link Organizations}, {@link Accounts}, {@link OrganizationalUnits},
 * {@link Policies}, {@link PolicyAttachments}, {@link EffectivePolicies}, {@link Handshakes},
 * {@link DelegatedAdministrators}, {@link OrgTags} and {@link ResourcePolicies}.
 */
public final class OrganizationsService implements AwsService {
    @Override
    public String name() {
        return "organizations";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.organizations.OrganizationsClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Organizations.class, Accounts.class, OrganizationalUnits.class, Policies.class,
                PolicyAttachments.class, EffectivePolicies.class, Handshakes.class, DelegatedAdministrators.class,
                OrgTags.class, ResourcePolicies.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        AccessRoles roles = new AccessRoles(context);
        OrgTags[] tagsOf = new OrgTags[1];
        MembershipEvents membership = new MembershipEvents(context.events(), context.clock());
        // A created account is recorded with the tags CreateAccount was given, then gets its access role.
        OrgStore store = new OrgStore((org, c) -> {
            tagsOf[0].register(org, c.accountId, org.accountArn(c.accountId), c.tags);
            roles.create(org, c);
            membership.accountCreated(org.managementAccountId, c.id, c.accountId);
        });
        OrgIds ids = new OrgIds(context.ids());
        OrgTags tags = new OrgTags(context, store);
        tagsOf[0] = tags;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gureum-organizations-timer");
            t.setDaemon(true);
            return t;
        });
        DueTimer due = new DueTimer(context.clock(), timer, timer);
        OrgRecords records = new OrgRecords(context, store);
        Runnable settle = () -> {
            synchronized (store) {
                store.settle(context.clock().now());
                records.recordChanges();
            }
            membership.publish(store);
        };
        // Account creations and closures finish on the core clock even when nobody asks for their status.
        java.util.function.Consumer<java.time.Duration> wakeUp = delay -> due.after(delay, settle);
        ApplicablePolicies applicable = context.shared().replace(ApplicablePolicies.class,
                new ApplicablePolicies(store, () -> store));
        context.shared().replace(io.gureum.core.spi.ControlPolicies.class, applicable); // for IAM's authorizer
        List<Object> providers = List.of(new Organizations(context, store, ids, tags),
                new Accounts(context, store, ids, wakeUp), new OrganizationalUnits(store, ids, tags),
                new Policies(store, ids, tags), new PolicyAttachments(store), new EffectivePolicies(store),
                new Handshakes(context, store, ids, tags), new DelegatedAdministrators(context, store), tags,
                new ResourcePolicies(store, ids, tags));
        InputChecks checks = new InputChecks();
        OperationInterceptor lock = call -> {
            checks.check(call.operation(), call.request());
            Object answer;
            synchronized (store) {
                store.settle(context.clock().now());
                try {
                    answer = call.proceed();
                    if (MembershipEvents.CHANGES.contains(call.operation())) {
                        membership.apiCall(OrgStore.callerAccount(), call.operation(), parameters(call.request()));
                    }
                } finally {
                    records.recordChanges();
                }
            }
            membership.publish(store);
            return answer;
        };
        return new ServiceInstance() {
            @Override
            public List<Object> providers() {
                return providers;
            }

            @Override
            public List<OperationInterceptor> interceptors() {
                return List.of(lock);
            }

            @Override
            public void restore(List<io.gureum.core.persist.StateRecord> restored) {
                records.restore(restored, wakeUp);
            }

            @Override
            public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
                records.capture(sink);
            }

            @Override
            public void close() {
                due.close();
                timer.shutdownNow();
                context.registry().clear("organizations");
            }
        };
    }

    /** The request parameters a membership event names. */
    private static java.util.Map<String, String> parameters(Object request) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (request instanceof software.amazon.awssdk.services.organizations.model.MoveAccountRequest m) {
            out.put("accountId", m.accountId());
            out.put("sourceParentId", m.sourceParentId());
            out.put("destinationParentId", m.destinationParentId());
        } else if (request instanceof software.amazon.awssdk.services.organizations.model
                .RemoveAccountFromOrganizationRequest m) {
            out.put("accountId", m.accountId());
        } else if (request instanceof software.amazon.awssdk.services.organizations.model.AcceptHandshakeRequest m) {
            out.put("handshakeId", m.handshakeId());
        }
        return out;
    }
}
