package io.gureum.iam;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.ServiceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.iam.model.*;

/**
 * Service-specific credentials
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_service-specific-creds.html): a user name and
 * password for CodeCommit and Amazon Keyspaces, an API key (alias and secret) for Amazon Bedrock and CloudWatch
 * Logs; at most two per user per service; the password or secret is answered only when made or reset.
 */
final class ServiceSpecificCredentials extends Family {
    static final int MAX_PER_SERVICE = 2;
    static final String ID_PREFIX = "ACCA";
    private static final Set<String> PASSWORD_SERVICES = Set.of("codecommit.amazonaws.com",
            "cassandra.amazonaws.com");
    /** Services whose credential is an API key and may expire (CreateServiceSpecificCredential's CredentialAgeDays). */
    private static final Set<String> API_KEY_SERVICES = Set.of("bedrock.amazonaws.com", "logs.amazonaws.com");

    ServiceSpecificCredentials(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public CreateServiceSpecificCredentialResponse createServiceSpecificCredential(
            CreateServiceSpecificCredentialRequest r) {
        String service = r.serviceName();
        boolean apiKey = API_KEY_SERVICES.contains(service);
        if (!apiKey && !PASSWORD_SERVICES.contains(service)) {
            throw ModeledErrors.of(ServiceNotSupportedException.class,
                    "No such service " + service + " is supported for Service-Specific Credentials");
        }
        if (r.credentialAgeDays() != null && !apiKey) {
            throw ModeledErrors.of(InvalidInputException.class,
                    "CredentialAgeDays is only valid for Bedrock and CloudWatch Logs API keys.");
        }
        IamStore.Account account = account();
        synchronized (account) {
            User user = Users.require(account, r.userName());
            long sameService = user.serviceCredentials.values().stream()
                    .filter(c -> c.serviceName.equals(service)).count();
            if (sameService >= MAX_PER_SERVICE) {
                throw IamErrors.quota("ServiceSpecificCredentialsPerUserPerService", MAX_PER_SERVICE);
            }
            Instant now = now();
            String secret = secret();
            String userName = apiKey ? null : user.name + "-at-" + account.id;
            String alias = apiKey ? user.name + "+" + now.getEpochSecond() + "-at-" + account.id : null;
            Instant expires = r.credentialAgeDays() == null ? null : now.plus(Duration.ofDays(r.credentialAgeDays()));
            ServiceCredential c = new ServiceCredential(ids.unique(ID_PREFIX), service, now, userName, alias, expires,
                    hash(secret));
            user.serviceCredentials.put(c.id, c);
            return CreateServiceSpecificCredentialResponse.builder().serviceSpecificCredential(full(user, c, secret))
                    .build();
        }
    }

    public ListServiceSpecificCredentialsResponse listServiceSpecificCredentials(
            ListServiceSpecificCredentialsRequest r) {
        boolean allUsers = Boolean.TRUE.equals(r.allUsers());
        if (allUsers && r.userName() != null) {
            throw ModeledErrors.of(InvalidInputException.class, "AllUsers cannot be specified together with UserName.");
        }
        IamStore.Account account = account();
        synchronized (account) {
            List<User> users = new ArrayList<>();
            if (allUsers) {
                account.users.values().stream().sorted((a, b) -> a.name.compareTo(b.name)).forEach(users::add);
            } else {
                // Root and role credentials have no service-specific credentials of their own: an empty list.
                User user = r.userName() != null ? Users.require(account, r.userName()) : Users.caller(context, account);
                if (user != null) {
                    users.add(user);
                }
            }
            Instant now = context.clock().now();
            List<ServiceSpecificCredentialMetadata> out = new ArrayList<>();
            for (User user : users) {
                for (ServiceCredential c : user.serviceCredentials.values()) {
                    if (r.serviceName() == null || r.serviceName().equals(c.serviceName)) {
                        out.add(ServiceSpecificCredentialMetadata.builder().userName(user.name)
                                .status(c.status(now)).serviceUserName(c.serviceUserName)
                                .serviceCredentialAlias(c.alias).createDate(c.created).expirationDate(c.expires)
                                .serviceSpecificCredentialId(c.id).serviceName(c.serviceName).build());
                    }
                }
            }
            Paging<ServiceSpecificCredentialMetadata> page = Paging.page(out,
                    m -> m.userName() + "/" + m.serviceSpecificCredentialId(), r.marker(), r.maxItems());
            return ListServiceSpecificCredentialsResponse.builder().serviceSpecificCredentials(page.items())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    public UpdateServiceSpecificCredentialResponse updateServiceSpecificCredential(
            UpdateServiceSpecificCredentialRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            require(user(account, r.userName()), r.serviceSpecificCredentialId()).status = r.statusAsString();
            return UpdateServiceSpecificCredentialResponse.builder().build();
        }
    }

    public ResetServiceSpecificCredentialResponse resetServiceSpecificCredential(
            ResetServiceSpecificCredentialRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = user(account, r.userName());
            ServiceCredential c = require(user, r.serviceSpecificCredentialId());
            String secret = secret();
            c.secretHash = hash(secret);
            return ResetServiceSpecificCredentialResponse.builder().serviceSpecificCredential(full(user, c, secret))
                    .build();
        }
    }

    public DeleteServiceSpecificCredentialResponse deleteServiceSpecificCredential(
            DeleteServiceSpecificCredentialRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = user(account, r.userName());
            user.serviceCredentials.remove(require(user, r.serviceSpecificCredentialId()).id);
            return DeleteServiceSpecificCredentialResponse.builder().build();
        }
    }

    /** The named user, else the calling IAM user; root or role credentials must name one. Caller holds the lock. */
    private User user(IamStore.Account account, String name) {
        if (name != null) {
            return Users.require(account, name);
        }
        User user = Users.caller(context, account);
        if (user == null) {
            throw IamErrors.validation("Must specify userName when calling with non-User credentials");
        }
        return user;
    }

    private static ServiceCredential require(User user, String id) {
        ServiceCredential c = user.serviceCredentials.get(id);
        if (c == null) {
            throw IamErrors.noSuchEntity("No such credential " + id + " exists");
        }
        return c;
    }

    /** 32 random bytes in base64: 44 characters, the length of the passwords IAM generates. */
    private String secret() {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(context.ids().hex(64)));
    }

    private String hash(String secret) {
        return Passwords.hash(secret, context.ids().hex(32));
    }

    private software.amazon.awssdk.services.iam.model.ServiceSpecificCredential full(User user, ServiceCredential c,
            String secret) {
        boolean apiKey = c.alias != null;
        return software.amazon.awssdk.services.iam.model.ServiceSpecificCredential.builder().createDate(c.created)
                .expirationDate(c.expires).serviceName(c.serviceName).serviceUserName(c.serviceUserName)
                .servicePassword(apiKey ? null : secret).serviceCredentialAlias(c.alias)
                .serviceCredentialSecret(apiKey ? secret : null).serviceSpecificCredentialId(c.id)
                .userName(user.name).status(c.status(context.clock().now())).build();
    }
}
