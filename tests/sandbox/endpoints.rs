//! Every endpoint of the three marketplaces answers with the status and body shape of
//! the contract, parsed into the same `types.rs` structs the clients use.

use crate::support::sandbox as common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use treevu::domain::Currency;
use treevu::marketplaces::types::*;
use treevu::sandbox::SandboxOptions;

async fn ok<T: serde::de::DeserializeOwned>(rb: reqwest::RequestBuilder, status: u16) -> T {
    let resp = rb.send().await.unwrap();
    let got = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    assert_eq!(got, status, "{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

async fn err(rb: reqwest::RequestBuilder, status: u16) -> ErrorBody {
    ok(rb, status).await
}

#[tokio::test]
async fn olx_endpoints() {
    let env = start(opts());
    let tok = token(&env, "olx").await;
    let t = tok.access_token.as_str();
    let olx = Api::new(&env, "olx", t);
    let user = tok.user_id.clone().unwrap();
    let me: UserInfo = ok(olx.get("/users/me"), 200).await;
    assert_eq!(me.id, user);

    let page: Page<OlxListing> = ok(
        olx.get(&format!("/users/{user}/listings"))
            .query(&[("limit", "100")]),
        200,
    )
    .await;
    assert_eq!(page.total, 36);
    assert_eq!(page.data.len(), 36);
    let cats: std::collections::HashSet<&str> =
        page.data.iter().map(|l| l.category.as_str()).collect();
    assert!(
        cats.contains("inmuebles") && cats.contains("autos"),
        "{cats:?}"
    );
    for l in &page.data {
        let a = l.attributes.as_ref().expect("attributes");
        match l.category.as_str() {
            "inmuebles" => {
                assert!(a.area.is_some() && a.operation.is_some() && a.property_type.is_some())
            }
            _ => {
                assert!(a.brand.is_some() && a.year.is_some() && a.mileage.is_some());
                assert_eq!(l.currency, Currency::USD);
            }
        }
        assert_eq!(l.location.city, "Lima");
        assert!(l.created_at <= l.updated_at);
    }
    // Another user's listings are not the token's to read.
    let e = err(olx.get("/users/999/listings"), 403).await;
    assert_eq!(e.error, "forbidden");

    let id = page.data[0].id.clone();
    let one: OlxListing = ok(olx.get(&format!("/listings/{id}")), 200).await;
    assert_eq!(one, page.data[0]);
    let busy = page.data.iter().max_by_key(|l| l.contacts).unwrap();
    let stats: OlxStats = ok(olx.get(&format!("/listings/{}/stats", busy.id)), 200).await;
    assert_eq!((stats.views, stats.contacts), (busy.views, busy.contacts));
    assert!(stats.days_active >= 1);
    assert!(stats.conversion_rate > 0.0 && stats.conversion_rate < 1.0);
    assert!(stats.last_contact_date.is_some());

    let convs: Page<OlxConversation> = ok(
        olx.get(&format!("/users/{user}/conversations"))
            .query(&[("limit", "100")]),
        200,
    )
    .await;
    assert!(convs.total > 0);
    assert!(
        convs
            .data
            .iter()
            .all(|c| page.data.iter().any(|l| l.id == c.listing_id))
    );

    // Create, update, delete.
    let created: OlxListing = ok(
        olx.post("/listings").json(&json!({
            "title": "Toyota Yaris 2019 full equipo",
            "price": 14500,
            "currency": "USD",
            "category": "autos",
            "location": {"city": "Lima", "district": "Surquillo"},
            "attributes": {"brand": "Toyota", "model": "Yaris", "year": 2019, "mileage": 48000}
        })),
        201,
    )
    .await;
    assert_eq!(created.status, ListingStatus::Active);
    assert_eq!(created.views, 0);
    let updated: OlxListing = ok(
        olx.put(&format!("/listings/{}", created.id))
            .json(&json!({"price": 13900})),
        200,
    )
    .await;
    assert_eq!(updated.price, 13900.0);
    assert_eq!(updated.title, created.title);
    assert!(updated.updated_at >= created.updated_at);
    let resp = olx
        .delete(&format!("/listings/{}", created.id))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    let gone: OlxListing = ok(olx.get(&format!("/listings/{}", created.id)), 200).await;
    assert_eq!(gone.status, ListingStatus::Removed);
    let page: Page<OlxListing> = ok(
        olx.get("/users/me/listings").query(&[("limit", "100")]),
        200,
    )
    .await;
    assert_eq!(page.total, 37, "a removed listing is still listed");

    // 404, 422 and 401 bodies.
    let e = err(olx.get("/listings/nope"), 404).await;
    assert_eq!(e.error, "not_found");
    assert!(e.message.contains("nope"));
    let e = err(olx.post("/listings").json(&json!({"title": "Casa", "price": 10, "category": "inmuebles", "location": {"city": "Lima", "district": "Lince"}})), 422).await;
    assert_eq!(
        (e.error.as_str(), e.field.as_deref()),
        ("invalid_payload", Some("title"))
    );
    let e = err(
        olx.put(&format!("/listings/{id}"))
            .json(&json!({"price": -5})),
        422,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("price"));
    let e = err(
        olx.put(&format!("/listings/{id}"))
            .json(&json!({"status": "lost"})),
        422,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("status"));
    let e = err(
        call(&env, Method::GET, "olx", "not-a-token", "/users/me"),
        401,
    )
    .await;
    assert_eq!(e.error, "unauthorized");
    let e = err(
        env.http
            .get(format!("{}/olx/v2/users/me", env.base))
            .bearer_auth(t),
        401,
    )
    .await;
    assert!(e.message.contains("X-API-Key"), "{}", e.message);
}

#[tokio::test]
async fn inmuebles24_endpoints() {
    let env = start(opts());
    let t = token(&env, "inmuebles24").await.access_token;
    let t = t.as_str();
    let inm = Api::new(&env, "inmuebles24", t);
    let _: UserInfo = ok(inm.get("/users/me"), 200).await;
    let page: Page<Inmuebles24Property> =
        ok(inm.get("/properties").query(&[("limit", "50")]), 200).await;
    assert_eq!(page.total, 36);
    for p in &page.data {
        assert!(p.operation.is_some() && p.bathrooms.is_some() && p.parking.is_some());
        assert!(p.area > 0.0 && p.price > 0.0);
        let (lat, lon) = (p.location.latitude.unwrap(), p.location.longitude.unwrap());
        assert!(
            (-12.6..-11.7).contains(&lat) && (-77.3..-76.6).contains(&lon),
            "{lat},{lon}"
        );
        if p.operation == Some(Operation::Rent) {
            assert_eq!(p.currency, Currency::PEN, "rents are in soles");
        }
    }
    let busy = page.data.iter().max_by_key(|p| p.leads).unwrap();
    let leads: Page<Inmuebles24Lead> = ok(
        inm.get(&format!("/properties/{}/leads", busy.id))
            .query(&[("limit", "100")]),
        200,
    )
    .await;
    assert_eq!(leads.total, busy.leads.min(500));
    assert!(
        leads
            .data
            .iter()
            .all(|l| l.property_id == busy.id && l.created_at >= busy.created_at)
    );
    let a: Inmuebles24Analytics =
        ok(inm.get(&format!("/properties/{}/analytics", busy.id)), 200).await;
    assert_eq!(a.leads, busy.leads);
    assert!((a.price_per_square_meter - busy.price / busy.area).abs() < 0.01);
    assert!(a.average_days_to_sale > 0.0);
    let one: Inmuebles24Property = ok(inm.get(&format!("/properties/{}", busy.id)), 200).await;
    assert_eq!(&one, busy);

    let market: Page<Inmuebles24Property> = ok(
        inm.get("/properties").query(&[
            ("scope", "market"),
            ("district", "JESUS MARIA"),
            ("limit", "100"),
        ]),
        200,
    )
    .await;
    assert!(market.total > 0);
    assert!(
        market
            .data
            .iter()
            .all(|p| p.location.district == "Jesús María")
    );
    assert!(
        market
            .data
            .iter()
            .all(|p| page.data.iter().all(|m| m.id != p.id))
    );
    let rent: Page<Inmuebles24Property> = ok(
        inm.get("/properties").query(&[
            ("scope", "market"),
            ("operation", "rent"),
            ("propertyType", "apartment"),
        ]),
        200,
    )
    .await;
    assert!(
        rent.total > 0
            && rent
                .data
                .iter()
                .all(|p| p.operation == Some(Operation::Rent)
                    && p.property_type == PropertyType::Apartment)
    );
    let e = err(
        inm.get("/properties")
            .query(&[("scope", "market"), ("propertyType", "castle")]),
        422,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("propertyType"));

    let created: Inmuebles24Property = ok(
        inm.post("/properties").json(&json!({
            "title": "Departamento de estreno en Miraflores, 3 dorm., vista al mar",
            "price": 1250000, "currency": "PEN", "propertyType": "apartment", "operation": "sale",
            "bedrooms": 3, "bathrooms": 2, "parking": 1, "area": 142,
            "location": {"city": "Lima", "district": "Miraflores", "address": "Malecón Cisneros 1200", "latitude": -12.128, "longitude": -77.04}
        })),
        201,
    )
    .await;
    let put: Inmuebles24Property = ok(
        inm.put(&format!("/properties/{}", created.id))
            .json(&json!({"status": "sold"})),
        200,
    )
    .await;
    assert_eq!(put.status, ListingStatus::Sold);
    assert_eq!(put.area, 142.0);
    let e = err(inm.post("/properties").json(&json!({"title": "Casa grande en La Molina", "price": 1, "currency": "PEN", "propertyType": "house", "operation": "sale", "location": {"city": "Lima", "district": "La Molina"}})), 422).await;
    assert_eq!(e.field.as_deref(), Some("area"));
    let e = err(inm.put("/properties/0"), 404).await;
    assert_eq!(e.error, "not_found");
    let e = err(
        inm.put(&format!("/properties/{}", created.id))
            .header("Content-Type", "application/json")
            .body("{not json"),
        422,
    )
    .await;
    assert_eq!(e.error, "invalid_payload");
}

#[tokio::test]
async fn autofact_endpoints() {
    let env = start(opts());
    let auto = Api::new(&env, "autofact", "");
    let page: Page<AutofactVehicle> =
        ok(auto.get("/vehicles").query(&[("limit", "100")]), 200).await;
    assert_eq!(page.total, 36);
    for v in &page.data {
        assert!(v.condition.is_some() && v.transmission.is_some() && v.fuel_type.is_some());
        assert!((2005..=2026).contains(&v.year));
        assert_eq!(v.currency, Currency::USD);
        assert!(v.price > 2_000.0 && v.price < 200_000.0, "{}", v.price);
    }
    let v = &page.data[0];
    let one: AutofactVehicle = ok(auto.get(&format!("/vehicles/{}", v.id)), 200).await;
    assert_eq!(&one, v);
    let val: AutofactValuation = ok(auto.get(&format!("/vehicles/{}/valuation", v.id)), 200).await;
    let f = &val.factors;
    assert!(
        (f.brand + f.model + f.year + f.mileage + f.condition - val.estimated_value).abs() < 0.01
    );
    assert!(val.min_value <= val.estimated_value && val.estimated_value <= val.max_value);
    assert!((0.0..=1.0).contains(&val.confidence));
    let ma: AutofactMarketAnalysis = ok(
        auto.get(&format!("/vehicles/{}/market-analysis", v.id)),
        200,
    )
    .await;
    assert_eq!(ma.comparable_count as usize, ma.comparables.len());
    assert!(
        ma.comparables
            .iter()
            .all(|c| c.brand == v.brand && c.model == v.model && (c.year - v.year).abs() <= 2)
    );
    if !ma.comparables.is_empty() {
        assert!(ma.min_price <= ma.median_price && ma.median_price <= ma.max_price);
    }

    let created: AutofactVehicle = ok(
        auto.post("/vehicles").json(&json!({
            "title": "Toyota Yaris 2019 full equipo", "brand": "Toyota", "model": "Yaris", "year": 2019,
            "mileage": 48000, "price": 14500, "condition": "good", "transmission": "automatic", "fuelType": "gasoline",
            "location": {"city": "Lima", "district": "San Borja"}
        })),
        201,
    )
    .await;
    let put: AutofactVehicle = ok(
        auto.put(&format!("/vehicles/{}", created.id))
            .json(&json!({"mileage": 49000})),
        200,
    )
    .await;
    assert_eq!(put.mileage, 49000);
    let e = err(
        auto.put(&format!("/vehicles/{}", created.id))
            .json(&json!({"year": "2019"})),
        422,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("year"));
    let e = err(auto.post("/vehicles").json(&json!({"title": "Kia Rio 2015", "brand": "Kia", "model": "Rio", "year": 2015, "mileage": 1, "price": 9000, "fuelType": "steam", "location": {"city": "Lima", "district": "Ate"}})), 422).await;
    assert_eq!(e.field.as_deref(), Some("fuelType"));
    let e = err(auto.get("/vehicles/AF-NOPE/valuation"), 404).await;
    assert!(e.message.contains("AF-NOPE"));
    let e = err(
        env.http
            .get(format!("{}/autofact/v1/vehicles", env.base))
            .header("X-API-Key", "stolen"),
        401,
    )
    .await;
    assert_eq!(e.error, "unauthorized");
    let e = err(
        env.http.get(format!("{}/autofact/v1/vehicles", env.base)),
        401,
    )
    .await;
    assert_eq!(e.error, "unauthorized");
}

#[tokio::test]
async fn unknown_paths_and_methods_answer_json() {
    let env = start(opts());
    let r = env
        .http
        .get(format!("{}/olx/v3/anything", env.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let _: ErrorBody = r.json().await.unwrap();
    let r = env
        .http
        .patch(format!("{}/autofact/v1/vehicles", env.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    let _: ErrorBody = r.json().await.unwrap();
}

#[tokio::test]
async fn credentials_and_stats_endpoints() {
    let env = start(opts());
    let auto = Api::new(&env, "autofact", "");
    let creds: Value = sandbox_json(&env, "credentials").await;
    assert_eq!(
        creds["olx"]["clientId"],
        env.sandbox.credentials().olx.client_id.as_str()
    );
    assert_eq!(
        creds["autofact"]["apiKey"],
        env.sandbox.credentials().autofact.api_key.as_str()
    );
    for _ in 0..3 {
        auto.get("/vehicles")
            .query(&[("limit", "10")])
            .send()
            .await
            .unwrap();
    }
    auto.get("/vehicles/x").send().await.unwrap();
    let t = token(&env, "olx").await.access_token;
    let olx = Api::new(&env, "olx", &t);
    olx.get("/users/me/listings")
        .query(&[("limit", "5")])
        .send()
        .await
        .unwrap();
    let s: Value = sandbox_json(&env, "stats").await;
    assert_eq!(s["requests"]["autofact"]["GET /vehicles"], 3);
    assert_eq!(s["requests"]["autofact"]["GET /vehicles/{vehicle_id}"], 1);
    assert_eq!(s["requests"]["autofact"]["total"], 4);
    assert_eq!(s["requests"]["olx"]["GET /users/{user_id}/listings"], 1);
    assert_eq!(s["requests"]["olx"]["POST /oauth/token"], 1);
    assert_eq!(s["listings"]["autofact"], 30);
    assert_eq!(s["listings"]["olx"], 5);
    assert_eq!(s["throttled"]["olx"], 0);
}

/// `GET /_sandbox/twins` names real listings of both marketplaces, which agree on what
/// the item is; `POST /_sandbox/status` sells one as a buyer would; `--churn` never
/// sells its copy afterwards; `POST /_sandbox/fail-next` fails exactly what it says.
#[tokio::test]
async fn twin_pairing_status_changes_and_failures_on_demand() {
    let env = start(SandboxOptions {
        churn: true,
        ..opts()
    });
    let auto = Api::new(&env, "autofact", "");
    let sandbox = |path: &str| format!("{}/_sandbox/{path}", env.base);
    let twins: Value = ok(env.http.get(sandbox("twins")), 200).await;
    let pairs = twins["pairs"].as_array().unwrap();
    assert!(pairs.len() >= 8, "{} seeded pairs", pairs.len());
    let t = token(&env, "olx").await.access_token;
    let olx = Api::new(&env, "olx", &t);
    let ti = token(&env, "inmuebles24").await.access_token;
    let inm = Api::new(&env, "inmuebles24", &ti);
    let mut homes = Vec::new();
    for p in pairs {
        let ids: Vec<&str> = p["listings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let olx_id = ids.iter().find_map(|i| i.strip_prefix("olx:")).unwrap();
        let copy: OlxListing = ok(olx.get(&format!("/listings/{olx_id}")), 200).await;
        if p["kind"] == "property" {
            let i24 = ids
                .iter()
                .find_map(|i| i.strip_prefix("inmuebles24:"))
                .unwrap();
            let src: Inmuebles24Property = ok(inm.get(&format!("/properties/{i24}")), 200).await;
            assert_eq!(copy.location.district, src.location.district);
            let a = copy.attributes.clone().unwrap();
            assert_eq!(a.property_type, Some(src.property_type));
            assert!((a.area.unwrap() - src.area).abs() <= 1.0);
            if src.status == ListingStatus::Active {
                homes.push((copy.id.clone(), src.id.clone()));
            }
        } else {
            let af = ids
                .iter()
                .find_map(|i| i.strip_prefix("autofact:"))
                .unwrap();
            let src: AutofactVehicle = ok(auto.get(&format!("/vehicles/{af}")), 200).await;
            let a = copy.attributes.clone().unwrap();
            assert_eq!(a.model.as_deref(), Some(src.model.as_str()));
            assert_eq!(a.year, Some(src.year));
        }
    }
    let (olx_id, i24_id) = homes.first().cloned().expect("an active home pair");

    // A sale at Inmuebles24, as a buyer makes it.
    let changed: Value = ok(
        env.http
            .post(sandbox("status"))
            .json(&json!({"marketplace": "inmuebles24", "id": i24_id, "status": "sold"})),
        200,
    )
    .await;
    assert_eq!(changed["status"], "sold");
    let sold: Inmuebles24Property = ok(inm.get(&format!("/properties/{i24_id}")), 200).await;
    assert_eq!(sold.status, ListingStatus::Sold);
    assert_eq!(sold.updated_at, changed["updatedAt"].as_str().unwrap());
    // The true pairing says so too: the sale and the copy still up.
    let twins: Value = ok(env.http.get(sandbox("twins")), 200).await;
    let pair = twins["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["listings"][0] == format!("inmuebles24:{i24_id}"))
        .expect("the pair still served");
    assert_eq!(pair["listings"][1], format!("olx:{olx_id}"));
    let up: OlxListing = ok(olx.get(&format!("/listings/{olx_id}")), 200).await;
    assert_eq!(pair["statuses"], json!(["sold", up.status]));
    // Churn steps (one per first page read) never sell the OLX copy of that home.
    for _ in 0..60 {
        olx.get("/users/me/listings")
            .query(&[("limit", "1")])
            .send()
            .await
            .unwrap();
    }
    let copy: OlxListing = ok(olx.get(&format!("/listings/{olx_id}")), 200).await;
    assert_ne!(
        copy.status,
        ListingStatus::Sold,
        "a sold item cannot sell twice"
    );
    let e = err(
        env.http
            .post(sandbox("status"))
            .json(&json!({"marketplace": "olx", "id": olx_id, "status": "rented"})),
        422,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("status"));
    let e = err(
        env.http
            .post(sandbox("status"))
            .json(&json!({"marketplace": "autofact", "id": "AF-NOPE", "status": "sold"})),
        404,
    )
    .await;
    assert!(e.message.contains("AF-NOPE"), "{}", e.message);

    // Two DELETEs fail with 503; a GET in between is not touched; the third DELETE works.
    let set: Value = ok(
        env.http.post(sandbox("fail-next")).query(&[
            ("marketplace", "olx"),
            ("count", "2"),
            ("status", "503"),
            ("method", "DELETE"),
        ]),
        200,
    )
    .await;
    assert_eq!(set["count"], 2);
    let path = format!("/listings/{olx_id}");
    for _ in 0..2 {
        let e = err(olx.delete(&path), 503).await;
        assert_eq!(e.error, "server_error");
        let _: OlxListing = ok(olx.get(&path), 200).await;
    }
    let resp = olx.delete(&path).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::NO_CONTENT);
    // count=0 clears what is pending; bad parameters are named.
    env.http
        .post(sandbox("fail-next"))
        .query(&[("marketplace", "autofact"), ("count", "5")])
        .send()
        .await
        .unwrap();
    let _: Value = ok(
        env.http
            .post(sandbox("fail-next"))
            .query(&[("marketplace", "autofact"), ("count", "0")]),
        200,
    )
    .await;
    let _: Page<AutofactVehicle> = ok(auto.get("/vehicles"), 200).await;
    let e = err(
        env.http
            .post(sandbox("fail-next"))
            .query(&[("marketplace", "olx"), ("status", "404")]),
        422,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("status"));
}

/// The create endpoints ask what each marketplace asks: OLX a home's operation, type
/// and area (a car's brand, model, year, mileage); Inmuebles24 the operation and the
/// street address; Autofact a brand and a model.
#[tokio::test]
async fn create_endpoints_check_what_each_marketplace_needs() {
    let env = start(opts());
    let auto = Api::new(&env, "autofact", "");
    let t = token(&env, "olx").await.access_token;
    let olx = Api::new(&env, "olx", &t);
    let ti = token(&env, "inmuebles24").await.access_token;
    let inm = Api::new(&env, "inmuebles24", &ti);
    let home = json!({
        "title": "Departamento con terraza en Miraflores", "price": 450000, "currency": "PEN",
        "category": "inmuebles", "subcategory": "venta-departamentos-casas",
        "location": {"city": "Lima", "district": "Miraflores"},
        "attributes": {"operation": "sale", "propertyType": "apartment", "area": 85}
    });
    for (drop, field) in [
        ("area", "attributes.area"),
        ("operation", "attributes.operation"),
    ] {
        let mut b = home.clone();
        b["attributes"].as_object_mut().unwrap().remove(drop);
        let e = err(olx.post("/listings").json(&b), 422).await;
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    }
    let mut b = home.clone();
    b["subcategory"] = json!("autos-usados");
    let e = err(olx.post("/listings").json(&b), 422).await;
    assert_eq!(e.field.as_deref(), Some("subcategory"));
    let car = json!({
        "title": "Kia Rio 2016 único dueño", "price": 9800, "currency": "USD", "category": "autos",
        "location": {"city": "Lima", "district": "Ate"},
        "attributes": {"brand": "Kia", "model": "Rio", "year": 2016}
    });
    let e = err(olx.post("/listings").json(&car), 422).await;
    assert_eq!(e.field.as_deref(), Some("attributes.mileage"));
    let created: OlxListing = ok(olx.post("/listings").json(&home), 201).await;
    // What was created is listed to the merchant from then on.
    let page: Page<OlxListing> = ok(
        olx.get("/users/me/listings").query(&[("limit", "100")]),
        200,
    )
    .await;
    assert!(page.data.iter().any(|l| l.id == created.id));

    let property = json!({
        "title": "Casa con jardín en La Molina", "price": 1800000, "currency": "PEN",
        "propertyType": "house", "operation": "sale", "bedrooms": 4, "bathrooms": 3, "area": 320,
        "location": {"city": "Lima", "district": "La Molina", "address": "Calle Los Pinos 140"}
    });
    let mut b = property.clone();
    b.as_object_mut().unwrap().remove("operation");
    let e = err(inm.post("/properties").json(&b), 422).await;
    assert_eq!(e.field.as_deref(), Some("operation"));
    let mut b = property.clone();
    b["location"]["address"] = json!("  ");
    let e = err(inm.post("/properties").json(&b), 422).await;
    assert_eq!(e.field.as_deref(), Some("location.address"));
    let _: Inmuebles24Property = ok(inm.post("/properties").json(&property), 201).await;

    let e = err(
        auto.post("/vehicles").json(&json!({
            "title": "Auto sin marca 2015", "brand": " ", "model": "Rio", "year": 2015,
            "mileage": 90000, "price": 8000, "location": {"city": "Lima", "district": "Ate"}
        })),
        422,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("brand"));
}

/// One raw HTTP/1.1 exchange, so a test can send bytes no HTTP client library would.
fn raw_exchange(base: &str, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let addr = base.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    s.write_all(request).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn unreadable_requests_get_an_answer_with_the_api_headers() {
    let env = start(opts());
    let auto = Api::new(&env, "autofact", "");
    let key = env.sandbox.credentials().autofact.api_key.clone();
    // A header value with a non-ASCII byte: answered, not hung up on.
    let mut rq =
        format!("GET /autofact/v1/vehicles HTTP/1.1\r\nHost: x\r\nX-API-Key: {key}\r\nX-Note: caf")
            .into_bytes();
    rq.extend_from_slice(b"\xc3\xa9\r\nConnection: close\r\n\r\n");
    let answer = raw_exchange(&env.base, &rq);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    let lower = answer.to_ascii_lowercase();
    assert!(lower.contains("x-ratelimit-remaining:"), "{answer}");
    assert!(
        answer.contains("\"bad_request\"") && answer.contains("x-note"),
        "{answer}"
    );
    // Also where the header is a credential, and in a header name (hyper's own 400).
    let mut rq = b"GET /olx/v2/users/me HTTP/1.1\r\nHost: x\r\nX-API-Key: cl\xe9\r\nConnection: close\r\n\r\n".to_vec();
    assert!(raw_exchange(&env.base, &rq).starts_with("HTTP/1.1 400"));
    rq = b"GET /olx/v2/users/me HTTP/1.1\r\nHost: x\r\nX-Cl\xe9: 1\r\nConnection: close\r\n\r\n"
        .to_vec();
    assert!(raw_exchange(&env.base, &rq).starts_with("HTTP/1.1 400"));

    // 405 says what is allowed and still carries the rate-limit headers.
    let r = env
        .http
        .patch(format!("{}/autofact/v1/vehicles/AF-1", env.base))
        .header("X-API-Key", &key)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 405);
    assert_eq!(r.headers()["allow"], "GET, PUT");
    assert!(r.headers().contains_key("x-ratelimit-limit"));
    assert!(r.headers().contains_key("x-ratelimit-reset"));

    // A body that is not JSON where JSON is read: 415, in the API's words.
    let r = auto
        .post("/vehicles")
        .header("Content-Type", "text/plain")
        .body(r#"{"title":"Kia Rio 2015"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    assert!(r.headers().contains_key("x-ratelimit-remaining"));
    let e: ErrorBody = r.json().await.unwrap();
    assert!(e.message.contains("application/json"), "{}", e.message);
    // The token endpoint answers the same in OAuth's words.
    let r = env
        .http
        .post(format!("{}/olx/oauth/token", env.base))
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 415);
    let o: OAuthErrorBody = r.json().await.unwrap();
    assert_eq!(o.error, "invalid_request");

    // Over 1 MiB: 413 before the body is read.
    let r = auto
        .post("/vehicles")
        .header("Content-Type", "application/json")
        .body(vec![b' '; (1 << 20) + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    let e: ErrorBody = r.json().await.unwrap();
    assert_eq!(e.error, "payload_too_large");

    // 204 has no body, so no content type either.
    let t = token(&env, "olx").await.access_token;
    let olx = Api::new(&env, "olx", &t);
    let page: Page<OlxListing> = ok(olx.get("/users/me/listings"), 200).await;
    let r = olx
        .delete(&format!("/listings/{}", page.data[0].id))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    assert!(
        !r.headers().contains_key("content-type"),
        "{:?}",
        r.headers()
    );
    assert!(r.headers().contains_key("x-ratelimit-remaining"));
}

#[tokio::test]
async fn limits_on_filters_pages_and_payloads_are_enforced_and_named() {
    let env = start(opts());
    let auto = Api::new(&env, "autofact", "");
    let t = token(&env, "inmuebles24").await.access_token;
    let inm = Api::new(&env, "inmuebles24", &t);
    // Filters are checked in the merchant's scope as in the market's, and applied.
    for (name, value) in [("propertyType", "castle"), ("operation", "lease")] {
        let e = err(inm.get("/properties").query(&[(name, value)]), 422).await;
        assert_eq!(e.field.as_deref(), Some(name));
    }
    let all: Page<Inmuebles24Property> =
        ok(inm.get("/properties").query(&[("limit", "100")]), 200).await;
    let houses: Page<Inmuebles24Property> = ok(
        inm.get("/properties")
            .query(&[("limit", "100"), ("propertyType", "house")]),
        200,
    )
    .await;
    let n = all
        .data
        .iter()
        .filter(|p| p.property_type == PropertyType::House)
        .count();
    assert_eq!(houses.total as usize, n);
    assert!(
        houses
            .data
            .iter()
            .all(|p| p.property_type == PropertyType::House)
    );

    // A page past u32 is out of range, and the message says so (it is a whole number).
    let e = err(inm.get("/properties").query(&[("page", "4294967296")]), 422).await;
    assert!(
        e.message.contains("too large") && e.message.contains("4294967295"),
        "{}",
        e.message
    );
    // Any whole limit is served, clamped to 100.
    let p: Page<Inmuebles24Property> = ok(
        inm.get("/properties")
            .query(&[("limit", "99999999999999999999999")]),
        200,
    )
    .await;
    assert_eq!(p.limit, 100);

    // A vanishing area is refused, so analytics always has a price per m².
    let id = &all.data[0].id;
    let e = err(
        inm.put(&format!("/properties/{id}"))
            .json(&json!({"area": 1e-320})),
        422,
    )
    .await;
    assert_eq!(e.field.as_deref(), Some("area"));
    let a: Value = ok(inm.get(&format!("/properties/{id}/analytics")), 200).await;
    assert!(
        a["pricePerSquareMeter"].as_f64().is_some_and(|v| v > 0.0),
        "{a}"
    );

    // OLX attributes: errors name the field path and never a Rust type.
    let t = token(&env, "olx").await.access_token;
    let olx = Api::new(&env, "olx", &t);
    let listing = json!({"title": "Departamento en Surco", "price": 350000, "category": "inmuebles",
        "location": {"city": "Lima", "district": "Surco"}});
    for (attrs, field) in [
        (json!({"bedrooms": 1e20}), "attributes.bedrooms"),
        (json!({"bedrooms": -1}), "attributes.bedrooms"),
        (json!({"area": -80}), "attributes.area"),
        (json!({"year": 99999999999_i64}), "attributes.year"),
        (json!({"operation": "lease"}), "attributes.operation"),
    ] {
        let mut body = listing.clone();
        body["attributes"] = attrs.clone();
        let e = err(olx.post("/listings").json(&body), 422).await;
        assert_eq!(e.field.as_deref(), Some(field), "{attrs}");
        assert!(e.message.starts_with(field), "{}", e.message);
        for rust in ["u32", "u64", "i32", "f64", "invalid type", "invalid value"] {
            assert!(!e.message.contains(rust), "{}", e.message);
        }
    }

    // Autofact: unknown condition, transmission and fuel type are absent, never null,
    // and cannot be set to null.
    let created: Value = ok(
        auto.post("/vehicles").json(&json!({
            "title": "Kia Rio 2015 único dueño", "brand": "Kia", "model": "Rio", "year": 2015,
            "mileage": 90000, "price": 9000, "location": {"city": "Lima", "district": "Ate"}
        })),
        201,
    )
    .await;
    for f in ["condition", "transmission", "fuelType"] {
        assert!(created.get(f).is_none(), "{f} in {created}");
        let e = err(
            auto.put(&format!("/vehicles/{}", created["id"].as_str().unwrap()))
                .json(&json!({ f: null })),
            422,
        )
        .await;
        assert_eq!(e.field.as_deref(), Some(f));
    }
    // Titles: 5 to 255 characters as sent, and not padding around a shorter one.
    for title in [format!("   {}   ", "Kia"), "K".repeat(256)] {
        let e = err(
            auto.post("/vehicles").json(&json!({
                "title": title, "brand": "Kia", "model": "Rio", "year": 2015,
                "mileage": 1, "price": 9000, "location": {"city": "Lima", "district": "Ate"}
            })),
            422,
        )
        .await;
        assert_eq!(e.field.as_deref(), Some("title"));
    }
}
