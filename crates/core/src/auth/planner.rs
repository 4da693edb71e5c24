//! Family C's calls: the access token is renewed before it runs out and when the server asks
//! (`token_status` 1), by one refresh at a time (C10, inferred), whatever number of calls wait.

use lcs_api::planner::Refresh;
use lcs_api::{ApiError, Endpoint, Family, Secret};

use super::{Auth, AuthChange, AuthReason, lock, now_ms};
use crate::error::{Error, Result};
use crate::session::{PlannerSession, StoredSession};

/// An access token this close to its end is renewed before it is sent.
const REFRESH_AHEAD_MS: i64 = 60_000;

impl Auth {
    /// Sends a family C call with the access token, renewing it first when it is within a
    /// minute of its end and once more when the server rejects it. Error 5 after a refresh (or
    /// a refresh that is refused) signs the user out as expired; error 30 as kicked, without a
    /// refresh; network trouble and 5xx leave the session alone.
    pub async fn planner<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output> {
        let Some((token, expires_at, generation)) = self.planner_token() else {
            return Err(Error::Api(ApiError::Unauthorized {
                family: Family::Planner,
                trace: String::new(),
            }));
        };
        let token = if expires_at - now_ms() <= REFRESH_AHEAD_MS {
            self.refresh_planner(&token).await?
        } else {
            token
        };
        match self.client.send_reply(endpoint, Some(&token)).await {
            Ok(reply) => {
                if reply.must_refresh {
                    // The answer stands; the renewal serves the next call, so its failure
                    // (offline, say) is not this call's.
                    if let Err(error) = self.refresh_planner(&token).await {
                        tracing::debug!(%error, "the refresh the server asked for failed");
                    }
                }
                Ok(reply.value)
            }
            Err(ApiError::Unauthorized { .. }) => {
                let fresh = self.refresh_planner(&token).await?;
                let retried = self.client.send_reply(endpoint, Some(&fresh)).await;
                self.settle(
                    Family::Planner,
                    Some(generation),
                    retried.map(|reply| reply.value),
                )
                .await
            }
            Err(error) => {
                self.settle(Family::Planner, Some(generation), Err(error))
                    .await
            }
        }
    }

    /// Renews the session whose access token was `stale`. Callers queue on the gate; whoever
    /// gets it after a refresh finds a newer token and uses it without asking the server again.
    /// An answer that lands after a sign-out or an account switch is dropped.
    pub(crate) async fn refresh_planner(&self, stale: &Secret) -> Result<Secret> {
        let _gate = self.refresh_gate.lock().await;
        let (refresh_token, refresh_expires_at, generation) = {
            let signed = lock(&self.signed);
            let Some(StoredSession::Planner(session)) =
                signed.planner.as_ref().map(|held| &held.stored)
            else {
                return Err(signed_out());
            };
            if session.access_token != *stale {
                return Ok(session.access_token.clone());
            }
            (
                session.refresh_token.clone(),
                session.refresh_expires_at_ms,
                signed.generation,
            )
        };
        if refresh_expires_at <= now_ms() {
            self.end_session(Family::Planner, AuthReason::Expired, Some(generation))
                .await;
            return Err(signed_out());
        }
        let answer = self
            .client
            .send(&Refresh { refresh_token }, None)
            .await
            .map_err(Error::from)
            .and_then(|tokens| PlannerSession::from_tokens(tokens, now_ms()));
        let mut renewed = match answer {
            Ok(renewed) => renewed,
            // A refusal that lands after a sign-out or switch ends nobody's session.
            Err(Error::Api(ApiError::Kicked { .. })) => {
                self.end_session(Family::Planner, AuthReason::Kicked, Some(generation))
                    .await;
                return Err(Error::Api(ApiError::Kicked {
                    family: Family::Planner,
                    trace: String::new(),
                }));
            }
            Err(error @ Error::Api(ApiError::Unauthorized { .. })) => {
                self.end_session(Family::Planner, AuthReason::Expired, Some(generation))
                    .await;
                return Err(error);
            }
            Err(error) => return Err(error),
        };
        let public = {
            let mut signed = lock(&self.signed);
            if signed.generation != generation {
                tracing::info!(
                    "a refresh finished after a sign-out or switch; its tokens are dropped"
                );
                return Err(signed_out());
            }
            let Some(held) = signed.planner.as_mut() else {
                return Err(signed_out());
            };
            renewed.label = held.stored.label().to_owned();
            held.stored = StoredSession::Planner(renewed.clone());
            held.public.clone()
        };
        if public.persisted {
            self.persist(&public.account, &StoredSession::Planner(renewed.clone()))
                .await;
        }
        tracing::info!("planner session refreshed");
        self.emit(
            AuthChange::Refreshed,
            None,
            Family::Planner,
            &public.account.clone(),
            Some(public),
        );
        Ok(renewed.access_token)
    }

    /// The access token, when it ends, and the generation of the sessions it belongs to.
    fn planner_token(&self) -> Option<(Secret, i64, u64)> {
        let signed = lock(&self.signed);
        match signed.planner.as_ref().map(|held| &held.stored) {
            Some(StoredSession::Planner(session)) => Some((
                session.access_token.clone(),
                session.access_expires_at_ms,
                signed.generation,
            )),
            _ => None,
        }
    }
}

fn signed_out() -> Error {
    Error::Api(ApiError::Unauthorized {
        family: Family::Planner,
        trace: String::new(),
    })
}
