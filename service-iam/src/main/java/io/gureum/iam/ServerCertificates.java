package io.gureum.iam;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.ServiceContext;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.*;

/**
 * Server certificates (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html): the
 * PEM body, private key and chain are parsed with java.security; the expiration is the certificate's notAfter; the
 * private key must belong to the certificate (RSA keys are compared) and is not kept. At most 20 per account.
 */
final class ServerCertificates extends Family {
    static final int MAX_PER_ACCOUNT = 20;

    ServerCertificates(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public UploadServerCertificateResponse uploadServerCertificate(UploadServerCertificateRequest r) {
        Tags.checkDuplicates(r.tags());
        List<X509Certificate> body = Pem.certificates(r.certificateBody());
        if (body.size() != 1) {
            throw malformed("Unable to parse certificate. Please ensure the certificate is in PEM format.");
        }
        if (r.certificateChain() != null && Pem.certificates(r.certificateChain()).isEmpty()) {
            throw malformed("Unable to parse certificate chain. Please ensure the chain is in PEM format.");
        }
        PrivateKey key = Pem.privateKey(r.privateKey());
        if (key == null) {
            throw malformed("Unable to parse private key. Please ensure the private key is in PEM format.");
        }
        if (!Pem.matches(key, body.get(0))) {
            throw ModeledErrors.of(KeyPairMismatchException.class,
                    "The request was rejected because the public key certificate and the private key do not match.");
        }
        IamStore.Account account = account();
        synchronized (account) {
            if (account.serverCertificates.containsKey(IamStore.key(r.serverCertificateName()))) {
                throw IamErrors.alreadyExists("The Server Certificate with name " + r.serverCertificateName()
                        + " already exists.");
            }
            if (account.serverCertificates.size() >= MAX_PER_ACCOUNT) {
                throw IamErrors.quota("ServerCertificatesPerAccount", MAX_PER_ACCOUNT);
            }
            String path = pathOrRoot(r.path());
            ServerCertificateRecord c = new ServerCertificateRecord(r.serverCertificateName(), path,
                    arn(account.id, "server-certificate", path, r.serverCertificateName()),
                    ids.unique(IamIds.SERVER_CERTIFICATE), r.certificateBody(), r.certificateChain(), now(),
                    body.get(0).getNotAfter().toInstant());
            Tags.apply(c.tags, r.tags());
            account.serverCertificates.put(IamStore.key(c.name), c);
            c.tags.attach(context.registry(), account.id, "", "iam", c.id, io.gureum.core.ids.Arn.parse(c.arn));
            return UploadServerCertificateResponse.builder().serverCertificateMetadata(metadata(c))
                    .tags(c.tags.isEmpty() ? null : Tags.toSdk(c.tags)).build();
        }
    }

    public GetServerCertificateResponse getServerCertificate(GetServerCertificateRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            ServerCertificateRecord c = require(account, r.serverCertificateName());
            return GetServerCertificateResponse.builder().serverCertificate(ServerCertificate.builder()
                    .serverCertificateMetadata(metadata(c)).certificateBody(c.body).certificateChain(c.chain)
                    .tags(c.tags.isEmpty() ? null : Tags.toSdk(c.tags)).build()).build();
        }
    }

    public ListServerCertificatesResponse listServerCertificates(ListServerCertificatesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            List<ServerCertificateRecord> matching = new ArrayList<>();
            for (ServerCertificateRecord c : account.serverCertificates.values()) {
                if (r.pathPrefix() == null || c.path.startsWith(r.pathPrefix())) {
                    matching.add(c);
                }
            }
            Paging<ServerCertificateRecord> page = Paging.page(matching, c -> IamStore.key(c.name), r.marker(),
                    r.maxItems());
            return ListServerCertificatesResponse.builder()
                    .serverCertificateMetadataList(page.items().stream().map(ServerCertificates::metadata).toList())
                    .isTruncated(page.truncated()).marker(page.marker()).build();
        }
    }

    /** A new name or path: the ARN follows, the ID stays. */
    public UpdateServerCertificateResponse updateServerCertificate(UpdateServerCertificateRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            ServerCertificateRecord c = require(account, r.serverCertificateName());
            String name = r.newServerCertificateName() == null ? c.name : r.newServerCertificateName();
            ServerCertificateRecord other = account.serverCertificates.get(IamStore.key(name));
            if (other != null && other != c) {
                throw IamErrors.alreadyExists("The Server Certificate with name " + name + " already exists.");
            }
            account.serverCertificates.remove(IamStore.key(c.name));
            c.name = name;
            c.path = r.newPath() == null ? c.path : r.newPath();
            c.arn = arn(account.id, "server-certificate", c.path, c.name);
            account.serverCertificates.put(IamStore.key(c.name), c);
            c.tags.move(account.id, "", "iam", c.id, io.gureum.core.ids.Arn.parse(c.arn));
            return UpdateServerCertificateResponse.builder().build();
        }
    }

    public DeleteServerCertificateResponse deleteServerCertificate(DeleteServerCertificateRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            ServerCertificateRecord c = require(account, r.serverCertificateName());
            account.serverCertificates.remove(IamStore.key(c.name));
            c.tags.detach();
            return DeleteServerCertificateResponse.builder().build();
        }
    }

    public TagServerCertificateResponse tagServerCertificate(TagServerCertificateRequest r) {
        Tags.checkDuplicates(r.tags());
        IamStore.Account account = account();
        synchronized (account) {
            Tags.apply(require(account, r.serverCertificateName()).tags, r.tags());
            return TagServerCertificateResponse.builder().build();
        }
    }

    public UntagServerCertificateResponse untagServerCertificate(UntagServerCertificateRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Tags.remove(require(account, r.serverCertificateName()).tags, r.tagKeys());
            return UntagServerCertificateResponse.builder().build();
        }
    }

    public ListServerCertificateTagsResponse listServerCertificateTags(ListServerCertificateTagsRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            Paging<Tag> page = Tags.page(require(account, r.serverCertificateName()).tags, r.marker(), r.maxItems());
            return ListServerCertificateTagsResponse.builder().tags(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    private static ServerCertificateRecord require(IamStore.Account account, String name) {
        ServerCertificateRecord c = account.serverCertificates.get(IamStore.key(name));
        if (c == null) {
            throw IamErrors.noSuchEntity("The Server Certificate with name " + name + " cannot be found.");
        }
        return c;
    }

    private static MalformedCertificateException malformed(String message) {
        return ModeledErrors.of(MalformedCertificateException.class, message);
    }

    private static ServerCertificateMetadata metadata(ServerCertificateRecord c) {
        return ServerCertificateMetadata.builder().path(c.path).serverCertificateName(c.name)
                .serverCertificateId(c.id).arn(c.arn).uploadDate(c.uploaded).expiration(c.expiration).build();
    }
}
