package io.gureum.iam;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.iam.policy.RequestPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who signed the current STS request: the account's root user (keys that belong to no IAM user), an IAM user,
 * or temporary credentials STS issued (an assumed role, a federated user, a user's or root's session token),
 * or, for in-process calls, a service principal.
 *
 * @param userId what GetCallerIdentity answers as UserId
 * @param userName the IAM user's name (for {@code aws:username}), or null
 * @param session the temporary credentials used, or null for long-term ones
 * @param tags the principal's tags ({@code aws:PrincipalTag/…}): an IAM user's, or a session's
 */
record StsIdentity(RequestPrincipal principal, String userId, String userName, StsSession session,
        Map<String, String> tags) {
    private static final Pattern ASSUMED = Pattern.compile("arn:([\\w-]+):sts::(\\d{12}):assumed-role/([^/]+)/(.+)");

    /** The ARN a denial names ("User: … is not authorized"). */
    String arn() {
        return principal.arn();
    }

    String account() {
        return principal.account();
    }

    /** Whether the caller uses temporary credentials of any kind. */
    boolean temporary() {
        return session != null;
    }

    /** The principal a policy's {@code aws:PrincipalArn} names: the role (not the session) of an assumed role. */
    String principalArn() {
        return session != null && session.roleArn() != null ? session.roleArn() : principal.arn();
    }

    static StsIdentity current(ServiceContext context, Supplier<IamStore> iam, StsSessions sessions) {
        RequestContext ctx = RequestContext.current();
        String partition = context.topology().partitionOf(ctx.region()).id();
        if (ctx.inProcess()) {
            return inProcess(ctx, partition);
        }
        StsSession session = sessions.get(ctx.accessKeyId());
        if (session != null) {
            return ofSession(session, iam.get());
        }
        AccessKey key = iam.get().accessKey(ctx.accessKeyId());
        if (key != null && ctx.accountId().equals(key.account)) {
            synchronized (iam.get().account(key.account)) {
                return new StsIdentity(new RequestPrincipal(RequestPrincipal.Kind.USER, key.user.arn, key.account,
                        Set.of()), key.user.id, key.user.name, null, new TreeMap<>(key.user.tags));
            }
        }
        return new StsIdentity(RequestPrincipal.root(ctx.accountId(), partition), ctx.accountId(), null, null,
                Map.of());
    }

    private static StsIdentity ofSession(StsSession s, IamStore iam) {
        return switch (s.kind()) {
            case ASSUMED_ROLE -> new StsIdentity(new RequestPrincipal(RequestPrincipal.Kind.ASSUMED_ROLE, s.arn(),
                    s.account(), Set.of(s.roleArn())), s.userId(), null, s, s.tags());
            case FEDERATED_USER -> new StsIdentity(new RequestPrincipal(RequestPrincipal.Kind.FEDERATED_USER,
                    s.arn(), s.account(), Set.of()), s.userId(), null, s, s.tags());
            case ROOT_TASK -> new StsIdentity(new RequestPrincipal(RequestPrincipal.Kind.ROOT, s.arn(), s.account(),
                    Set.of()), s.userId(), null, s, s.tags());
            case SESSION_TOKEN -> {
                boolean root = s.arn().endsWith(":root");
                yield new StsIdentity(new RequestPrincipal(root ? RequestPrincipal.Kind.ROOT : RequestPrincipal.Kind.USER,
                        s.arn(), s.account(), Set.of()), s.userId(), root ? null : s.arn().substring(s.arn().lastIndexOf('/') + 1),
                        s, s.tags());
            }
        };
    }

    /** An in-process caller: a service principal, or an IAM ARN a test or embedding passed as the caller. */
    private static StsIdentity inProcess(RequestContext ctx, String partition) {
        String p = ctx.principal();
        if (p.endsWith(".amazonaws.com") || !p.startsWith("arn:")) {
            return new StsIdentity(RequestPrincipal.service(p), p, null, null, Map.of());
        }
        if (p.endsWith(":root")) {
            return new StsIdentity(RequestPrincipal.root(ctx.accountId(), partition), ctx.accountId(), null, null,
                    Map.of());
        }
        Matcher assumed = ASSUMED.matcher(p);
        if (assumed.matches()) {
            String roleArn = "arn:" + assumed.group(1) + ":iam::" + assumed.group(2) + ":role/" + assumed.group(3);
            return new StsIdentity(new RequestPrincipal(RequestPrincipal.Kind.ASSUMED_ROLE, p, assumed.group(2),
                    Set.of(roleArn)), assumed.group(4), null, null, Map.of());
        }
        return new StsIdentity(new RequestPrincipal(RequestPrincipal.Kind.USER, p, ctx.accountId(), Set.of()), p,
                p.substring(p.lastIndexOf('/') + 1), null, Map.of());
    }
}
