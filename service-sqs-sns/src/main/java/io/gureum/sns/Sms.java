package io.gureum.sns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.model.CheckIfPhoneNumberIsOptedOutRequest;
import software.amazon.awssdk.services.sns.model.CheckIfPhoneNumberIsOptedOutResponse;
import software.amazon.awssdk.services.sns.model.CreateSmsSandboxPhoneNumberRequest;
import software.amazon.awssdk.services.sns.model.CreateSmsSandboxPhoneNumberResponse;
import software.amazon.awssdk.services.sns.model.DeleteSmsSandboxPhoneNumberRequest;
import software.amazon.awssdk.services.sns.model.DeleteSmsSandboxPhoneNumberResponse;
import software.amazon.awssdk.services.sns.model.GetSmsAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetSmsAttributesResponse;
import software.amazon.awssdk.services.sns.model.GetSmsSandboxAccountStatusRequest;
import software.amazon.awssdk.services.sns.model.GetSmsSandboxAccountStatusResponse;
import software.amazon.awssdk.services.sns.model.ListOriginationNumbersRequest;
import software.amazon.awssdk.services.sns.model.ListOriginationNumbersResponse;
import software.amazon.awssdk.services.sns.model.ListPhoneNumbersOptedOutRequest;
import software.amazon.awssdk.services.sns.model.ListPhoneNumbersOptedOutResponse;
import software.amazon.awssdk.services.sns.model.ListSmsSandboxPhoneNumbersRequest;
import software.amazon.awssdk.services.sns.model.ListSmsSandboxPhoneNumbersResponse;
import software.amazon.awssdk.services.sns.model.OptInPhoneNumberRequest;
import software.amazon.awssdk.services.sns.model.OptInPhoneNumberResponse;
import software.amazon.awssdk.services.sns.model.SMSSandboxPhoneNumber;
import software.amazon.awssdk.services.sns.model.SetSmsAttributesRequest;
import software.amazon.awssdk.services.sns.model.SetSmsAttributesResponse;
import software.amazon.awssdk.services.sns.model.VerifySmsSandboxPhoneNumberRequest;
import software.amazon.awssdk.services.sns.model.VerifySmsSandboxPhoneNumberResponse;

/**
 * SMS settings: opted-out numbers, account SMS attributes and the SMS sandbox. Messages to phone numbers
 * are recorded for the inspection endpoints, never sent.
 */
final class Sms {
    private static final java.util.regex.Pattern PHONE_NUMBER = java.util.regex.Pattern.compile("\\+?[0-9]{1,15}");

    private final PlatformStore store;

    Sms(PlatformStore store) {
        this.store = store;
    }

    public CheckIfPhoneNumberIsOptedOutResponse checkIfPhoneNumberIsOptedOut(CheckIfPhoneNumberIsOptedOutRequest r) {
        checkPhoneNumber(r.phoneNumber());
        return CheckIfPhoneNumberIsOptedOutResponse.builder()
                .isOptedOut(store.state().optedOut.contains(r.phoneNumber())).build();
    }

    private static void checkPhoneNumber(String number) {
        if (number == null || !PHONE_NUMBER.matcher(number).matches()) {
            throw SnsErrors.invalidParameter("PhoneNumber Reason: input incorrectly formatted");
        }
    }

    public ListPhoneNumbersOptedOutResponse listPhoneNumbersOptedOut(ListPhoneNumbersOptedOutRequest request) {
        List<String> numbers = new ArrayList<>(store.state().optedOut);
        numbers.sort(null);
        Pages.Page<String> page = Pages.page(numbers, request.nextToken(), n -> n);
        return ListPhoneNumbersOptedOutResponse.builder().phoneNumbers(page.items()).nextToken(page.next()).build();
    }

    public OptInPhoneNumberResponse optInPhoneNumber(OptInPhoneNumberRequest request) {
        checkPhoneNumber(request.phoneNumber());
        store.state().optedOut.remove(request.phoneNumber());
        return OptInPhoneNumberResponse.builder().build();
    }

    public GetSmsAttributesResponse getSMSAttributes(GetSmsAttributesRequest request) {
        Map<String, String> all = new LinkedHashMap<>(store.state().smsAttributes);
        if (request.attributes() != null && !request.attributes().isEmpty()) {
            all.keySet().retainAll(request.attributes());
        }
        return GetSmsAttributesResponse.builder().attributes(all).build();
    }

    public SetSmsAttributesResponse setSMSAttributes(SetSmsAttributesRequest request) {
        store.state().smsAttributes.putAll(request.attributes());
        return SetSmsAttributesResponse.builder().build();
    }

    /** Gureum does not restrict SMS to verified numbers, so accounts are reported out of the sandbox. */
    public GetSmsSandboxAccountStatusResponse getSMSSandboxAccountStatus(GetSmsSandboxAccountStatusRequest request) {
        return GetSmsSandboxAccountStatusResponse.builder().isInSandbox(false).build();
    }

    public CreateSmsSandboxPhoneNumberResponse createSMSSandboxPhoneNumber(CreateSmsSandboxPhoneNumberRequest request) {
        store.state().sandboxNumbers.put(request.phoneNumber(), "Pending");
        return CreateSmsSandboxPhoneNumberResponse.builder().build();
    }

    public VerifySmsSandboxPhoneNumberResponse verifySMSSandboxPhoneNumber(VerifySmsSandboxPhoneNumberRequest request) {
        if (store.state().sandboxNumbers.replace(request.phoneNumber(), "Verified") == null) {
            throw SnsErrors.resourceNotFound();
        }
        return VerifySmsSandboxPhoneNumberResponse.builder().build();
    }

    public DeleteSmsSandboxPhoneNumberResponse deleteSMSSandboxPhoneNumber(DeleteSmsSandboxPhoneNumberRequest request) {
        if (store.state().sandboxNumbers.remove(request.phoneNumber()) == null) {
            throw SnsErrors.resourceNotFound();
        }
        return DeleteSmsSandboxPhoneNumberResponse.builder().build();
    }

    public ListSmsSandboxPhoneNumbersResponse listSMSSandboxPhoneNumbers(ListSmsSandboxPhoneNumbersRequest request) {
        List<Map.Entry<String, String>> numbers = new ArrayList<>(store.state().sandboxNumbers.entrySet());
        numbers.sort(Map.Entry.comparingByKey());
        int size = maxResults(request.maxResults(), 100);
        Pages.Page<SMSSandboxPhoneNumber> page = Pages.page(numbers, request.nextToken(), size,
                e -> SMSSandboxPhoneNumber.builder().phoneNumber(e.getKey()).status(e.getValue()).build());
        return ListSmsSandboxPhoneNumbersResponse.builder().phoneNumbers(page.items()).nextToken(page.next()).build();
    }

    /**
     * Origination numbers are bought through AWS End User Messaging SMS, which Gureum does not serve, so
     * every account has none: an empty page (a NextToken still has to be one SNS could have given).
     */
    public ListOriginationNumbersResponse listOriginationNumbers(ListOriginationNumbersRequest request) {
        maxResults(request.maxResults(), 30);
        Pages.Page<Object> page = Pages.page(List.of(), request.nextToken(), x -> x);
        return ListOriginationNumbersResponse.builder().phoneNumbers(List.of()).nextToken(page.next()).build();
    }

    /** The models bound MaxResults (1 to 30 origination numbers, 1 to 100 sandbox numbers). */
    private static int maxResults(Integer requested, int max) {
        if (requested == null) {
            return max;
        }
        if (requested < 1 || requested > max) {
            throw SnsErrors.invalidParameter("MaxResults");
        }
        return requested;
    }
}
