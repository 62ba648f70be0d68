//! The client account and its stakeholders (power/interest grid).

use serde::{Deserialize, Serialize};

use super::{ClientError, Engagement, dup};

/// How the contract is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum ContractType {
    /// A fixed price for the agreed scope.
    #[default]
    FixedPrice,
    /// Billed by time spent and materials used.
    TimeAndMaterials,
    /// A recurring fee.
    Retainer,
    /// Paid per accepted milestone.
    MilestoneBased,
}

/// A person at the client to reach.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Name.
    pub name: String,
    /// Role or title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Phone number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

/// The contract terms a new engagement starts with (every field optional).
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct AccountSpec {
    /// The client's industry.
    pub industry: String,
    /// Contract value in the project's currency.
    pub contract_value: f64,
    /// Fixed price (default), time and materials, retainer or milestone based.
    pub contract_type: ContractType,
}

impl Engagement {
    /// A new engagement with `organisation` on the given terms.
    pub fn with_terms(organisation: impl Into<String>, terms: AccountSpec) -> Self {
        let mut e = Engagement::new(organisation);
        e.account.industry = terms.industry;
        e.account.contract_value = terms.contract_value;
        e.account.contract_type = terms.contract_type;
        e
    }
}

/// The client organisation and the contract.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// Organisation name.
    pub organisation: String,
    /// Industry.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
    /// Contract value.
    #[serde(default)]
    pub contract_value: f64,
    /// Contract type.
    #[serde(default)]
    pub contract_type: ContractType,
    /// Contacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
}

/// Low or high, on the power/interest grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Low.
    #[default]
    Low,
    /// High.
    High,
}

/// The engagement strategy the power/interest grid implies (Mendelow).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(rename = "StakeholderStrategy")
)]
#[serde(rename_all = "snake_case")]
pub enum Strategy {
    /// High power, high interest: involve in decisions, meet often.
    ManageClosely,
    /// High power, low interest: keep content, summaries on their terms.
    KeepSatisfied,
    /// Low power, high interest: keep informed, show progress.
    KeepInformed,
    /// Low power, low interest: monitor with minimal effort.
    Monitor,
}

/// How a stakeholder prefers to be reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// E-mail.
    #[default]
    Email,
    /// Phone or video call.
    Call,
    /// Meeting in person.
    Meeting,
    /// A written report.
    Report,
    /// Chat.
    Chat,
}

/// A person with a stake in the project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    /// Key ("S1").
    pub id: String,
    /// Name.
    pub name: String,
    /// Role ("CIO", "Finance lead").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// Organisation (the client's, ours, a supplier's).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    /// Power over the project.
    #[serde(default)]
    pub power: Level,
    /// Interest in the project.
    #[serde(default)]
    pub interest: Level,
    /// Preferred channel.
    #[serde(default)]
    pub channel: Channel,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
}

impl Stakeholder {
    /// A stakeholder with an id, a name and a role (low power, low interest).
    pub fn new(id: impl Into<String>, name: impl Into<String>, role: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            role: role.into(),
            organisation: String::new(),
            power: Level::Low,
            interest: Level::Low,
            channel: Channel::Email,
            email: String::new(),
        }
    }

    /// The same stakeholder placed on the grid.
    pub fn with_grid(mut self, power: Level, interest: Level) -> Self {
        self.power = power;
        self.interest = interest;
        self
    }

    /// The engagement strategy of the stakeholder's quadrant.
    pub fn strategy(&self) -> Strategy {
        match (self.power, self.interest) {
            (Level::High, Level::High) => Strategy::ManageClosely,
            (Level::High, Level::Low) => Strategy::KeepSatisfied,
            (Level::Low, Level::High) => Strategy::KeepInformed,
            (Level::Low, Level::Low) => Strategy::Monitor,
        }
    }
}

impl Engagement {
    /// Adds a stakeholder.
    ///
    /// # Errors
    /// [`ClientError::Duplicate`] or [`ClientError::Invalid`] (empty id or name).
    pub fn add_stakeholder(&mut self, s: Stakeholder) -> Result<(), ClientError> {
        dup(&self.stakeholders, &s.id, "stakeholder", |x| &x.id)?;
        if s.name.trim().is_empty() {
            return Err(ClientError::Invalid {
                kind: "stakeholder",
                id: s.id,
                message: "a stakeholder needs a name".into(),
            });
        }
        self.stakeholders.push(s);
        Ok(())
    }

    /// Every stakeholder, in the order added.
    pub fn stakeholders(&self) -> &[Stakeholder] {
        &self.stakeholders
    }

    /// A stakeholder by id.
    pub fn stakeholder(&self, id: &str) -> Option<&Stakeholder> {
        self.stakeholders.iter().find(|s| s.id == id)
    }

    pub(crate) fn need_stakeholder(&self, id: &str) -> Result<(), ClientError> {
        match self.stakeholder(id) {
            Some(_) => Ok(()),
            None => Err(super::unknown("stakeholder", id)),
        }
    }
}
