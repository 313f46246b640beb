import axios, { AxiosError, type InternalAxiosRequestConfig } from "axios";
import type { TokenPair } from "@/lib/api/types";
import { useAuthStore } from "@/lib/auth-store";

/** Relative base URL: the web app is served from the same origin as the API. */
export const API_BASE = "/api/v1";

/** Client for every authenticated call; adds the bearer token and refreshes it once on 401. */
export const api = axios.create({ baseURL: API_BASE, headers: { Accept: "application/json" } });

/** Bare client for the auth endpoints themselves, so they never trigger a refresh loop. */
export const authApi = axios.create({ baseURL: API_BASE, headers: { Accept: "application/json" } });

type RetriableConfig = InternalAxiosRequestConfig & { _retriedAfterRefresh?: boolean };

let refreshInFlight: Promise<string | null> | null = null;

/** Exchanges the refresh token for a new pair; concurrent callers share one request. */
export function refreshAccessToken(): Promise<string | null> {
  if (refreshInFlight) return refreshInFlight;
  const { refreshToken } = useAuthStore.getState();
  if (!refreshToken) return Promise.resolve(null);
  refreshInFlight = authApi
    .post<TokenPair>("/auth/refresh", { refreshToken })
    .then(({ data }) => {
      useAuthStore.getState().setTokens(data.accessToken, data.refreshToken);
      return data.accessToken;
    })
    .catch(() => null)
    .finally(() => {
      refreshInFlight = null;
    });
  return refreshInFlight;
}

api.interceptors.request.use((config) => {
  const { accessToken } = useAuthStore.getState();
  if (accessToken) config.headers.set("Authorization", `Bearer ${accessToken}`);
  return config;
});

api.interceptors.response.use(
  (response) => response,
  async (error: AxiosError) => {
    const config = error.config as RetriableConfig | undefined;
    if (error.response?.status !== 401 || !config || config._retriedAfterRefresh) {
      if (error.response?.status === 401) useAuthStore.getState().clearTokens();
      throw error;
    }
    config._retriedAfterRefresh = true;
    const newToken = await refreshAccessToken();
    if (!newToken) {
      useAuthStore.getState().clearTokens();
      throw error;
    }
    config.headers.set("Authorization", `Bearer ${newToken}`);
    return api.request(config);
  },
);

/** Signs in and stores the token pair. Throws the Axios error on failure (401, 429, ...). */
export async function login(email: string, password: string): Promise<void> {
  const { data } = await authApi.post<TokenPair>("/auth/login", { email, password });
  useAuthStore.getState().setTokens(data.accessToken, data.refreshToken);
}

let loggedOutOnPurpose = false;

/** True once after the user pressed "Log out" (rather than the sign-in expiring). */
export function consumeLoggedOutOnPurpose(): boolean {
  const value = loggedOutOnPurpose;
  loggedOutOnPurpose = false;
  return value;
}

/** Revokes the refresh token on the server (best effort) and forgets both tokens. */
export async function logout(): Promise<void> {
  const { accessToken, refreshToken } = useAuthStore.getState();
  try {
    if (refreshToken) {
      await authApi.post(
        "/auth/logout",
        { refreshToken },
        { headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {} },
      );
    }
  } catch {
    // The tokens are dropped locally whatever the server answered.
  } finally {
    loggedOutOnPurpose = true;
    useAuthStore.getState().clearTokens();
  }
}
