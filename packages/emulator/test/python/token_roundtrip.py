"""Gets a token from the Stytch emulator over HTTPS, verifies it with PyJWT's PyJWKClient against the emulator's
JWKS, rotates the client's secret through the M2M client API and shows that the old secret stops working.

Only the standard library, PyJWT and cryptography (Debian: python3-jwt, python3-cryptography). Settings come from
the environment: STYTCH_BASE_URL, STYTCH_PROJECT_ID, STYTCH_SECRET, CLIENT_ID, CLIENT_SECRET and the CA file in
SSL_CERT_FILE. Prints one JSON line with the outcome of each step; exits non-zero on any unexpected answer.
"""
import base64
import json
import os
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request

import jwt

BASE = os.environ["STYTCH_BASE_URL"]
PROJECT_ID = os.environ["STYTCH_PROJECT_ID"]
PROJECT_SECRET = os.environ["STYTCH_SECRET"]
CLIENT_ID = os.environ["CLIENT_ID"]
CLIENT_SECRET = os.environ["CLIENT_SECRET"]
# OpenSSL's default verify paths honour SSL_CERT_FILE, so the default context (and PyJWKClient's) trusts the CA.
CONTEXT = ssl.create_default_context()


def call(method, path, form=None, body=None, basic=None):
    headers = {}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["content-type"] = "application/x-www-form-urlencoded"
    if body is not None:
        data = json.dumps(body).encode()
        headers["content-type"] = "application/json"
    if basic is not None:
        headers["authorization"] = "Basic " + base64.b64encode(":".join(basic).encode()).decode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, context=CONTEXT) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def get_token(secret):
    return call(
        "POST",
        f"/v1/public/{PROJECT_ID}/oauth2/token",
        form={"grant_type": "client_credentials", "client_id": CLIENT_ID, "client_secret": secret, "scope": "read:users"},
    )


status, token = get_token(CLIENT_SECRET)
assert status == 200, token
jwks = jwt.PyJWKClient(f"{BASE}/v1/sessions/jwks/{PROJECT_ID}")
signing_key = jwks.get_signing_key_from_jwt(token["access_token"])
claims = jwt.decode(
    token["access_token"],
    signing_key.key,
    algorithms=["RS256"],
    audience=PROJECT_ID,
    issuer=f"stytch.com/{PROJECT_ID}",
    options={"require": ["exp", "iat", "sub", "aud", "iss"]},
)

project = (PROJECT_ID, PROJECT_SECRET)
status, started = call("POST", f"/v1/m2m/clients/{CLIENT_ID}/secrets/rotate/start", body={}, basic=project)
assert status == 200, started
next_secret = started["m2m_client"]["next_client_secret"]
status, _ = call("POST", f"/v1/m2m/clients/{CLIENT_ID}/secrets/rotate", body={}, basic=project)
assert status == 200
old_status, old_answer = get_token(CLIENT_SECRET)
new_status, _ = get_token(next_secret)

print(
    json.dumps(
        {
            "kid": signing_key.key_id,
            "sub": claims["sub"],
            "scope": claims["scope"],
            "tenant": claims.get("tenant"),
            "old_secret": {"status": old_status, "error": old_answer.get("error")},
            "new_secret": {"status": new_status},
        }
    )
)
sys.exit(0 if old_status == 401 and new_status == 200 else 1)
