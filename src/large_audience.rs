//! The `large-audience` rule: more different recipients in To and Cc than the policy's threshold
//! (Bcc is meant for a large audience). An unresolved recipient counts too, once per entry text.

use crate::messages::Message;
use crate::policy::Policy;
use crate::recipients::Recipient;
use crate::verdict::{Field, Finding, Rule};

/// The finding, if To and Cc hold more recipients than the policy allows.
pub fn check(policy: &Policy, recipients: &[Recipient]) -> Option<Finding> {
    let mut visible: Vec<&str> = recipients.iter().filter(|r| matches!(r.field, Field::To | Field::Cc)).map(|r| r.key()).collect();
    visible.sort_unstable();
    visible.dedup();
    let threshold = policy.large_audience_threshold;
    (visible.len() > threshold).then(|| {
        let message = Message::LargeAudience { count: visible.len(), threshold }.render(policy.language);
        Finding::new(Rule::LargeAudience, policy.level(Rule::LargeAudience), Field::To, message)
    })
}
