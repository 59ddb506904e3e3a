package dev.foresight.identity;

import org.springframework.security.authentication.InternalAuthenticationServiceException;

/** The corporate directory could not be reached; local accounts still sign in. */
public class DirectoryUnavailableException extends InternalAuthenticationServiceException {

    public DirectoryUnavailableException(Throwable cause) {
        super("The corporate directory cannot be reached right now. Local accounts can still sign in.", cause);
    }
}
