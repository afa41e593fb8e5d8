package io.gureum.iam;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.spi.ServiceContext;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iam.model.*;

/**
 * Users' X.509 signing certificates (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSigningCertificate.html):
 * at most two per user; the PEM must parse as a certificate. Without a user name they act on the calling user.
 */
final class SigningCertificates extends Family {
    static final int MAX_PER_USER = 2;

    SigningCertificates(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public UploadSigningCertificateResponse uploadSigningCertificate(UploadSigningCertificateRequest r) {
        if (Pem.certificates(r.certificateBody()).size() != 1) {
            throw ModeledErrors.of(MalformedCertificateException.class,
                    "The request was rejected because the certificate was malformed or expired.");
        }
        IamStore.Account account = account();
        synchronized (account) {
            User user = user(account, r.userName());
            for (User u : account.users.values()) {
                for (UserCredential c : u.signingCertificates.values()) {
                    if (c.body.strip().equals(r.certificateBody().strip())) {
                        throw ModeledErrors.of(DuplicateCertificateException.class, "The request was rejected "
                                + "because the same certificate is associated with an IAM user in the account.");
                    }
                }
            }
            if (user.signingCertificates.size() >= MAX_PER_USER) {
                throw IamErrors.quota("SigningCertificatesPerUser", MAX_PER_USER);
            }
            UserCredential c = new UserCredential(ids.certificateId(), r.certificateBody(), null, now());
            user.signingCertificates.put(c.id, c);
            return UploadSigningCertificateResponse.builder().certificate(sdk(user, c)).build();
        }
    }

    public ListSigningCertificatesResponse listSigningCertificates(ListSigningCertificatesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = user(account, r.userName());
            List<SigningCertificate> out = new ArrayList<>();
            user.signingCertificates.values().forEach(c -> out.add(sdk(user, c)));
            Paging<SigningCertificate> page = Paging.page(out, SigningCertificate::certificateId, r.marker(),
                    r.maxItems());
            return ListSigningCertificatesResponse.builder().certificates(page.items()).isTruncated(page.truncated())
                    .marker(page.marker()).build();
        }
    }

    public UpdateSigningCertificateResponse updateSigningCertificate(UpdateSigningCertificateRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            require(user(account, r.userName()), r.certificateId()).status = r.statusAsString();
            return UpdateSigningCertificateResponse.builder().build();
        }
    }

    public DeleteSigningCertificateResponse deleteSigningCertificate(DeleteSigningCertificateRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            User user = user(account, r.userName());
            user.signingCertificates.remove(require(user, r.certificateId()).id);
            return DeleteSigningCertificateResponse.builder().build();
        }
    }

    private User user(IamStore.Account account, String name) {
        if (name != null) {
            return Users.require(account, name);
        }
        User caller = Users.caller(context, account);
        if (caller == null) {
            throw IamErrors.validation("Must specify userName when calling with non-User credentials");
        }
        return caller;
    }

    private static UserCredential require(User user, String id) {
        UserCredential c = user.signingCertificates.get(id);
        if (c == null) {
            throw IamErrors.noSuchEntity("The Certificate with id " + id + " cannot be found.");
        }
        return c;
    }

    private static SigningCertificate sdk(User user, UserCredential c) {
        return SigningCertificate.builder().userName(user.name).certificateId(c.id).certificateBody(c.body)
                .status(c.status).uploadDate(c.uploaded).build();
    }
}
