// Draws each indicator's monthly line chart (Chart.js, loaded before this module as
// window.Chart) from the figures the page passes with json_script. The same figures are
// in each chart's table, so nothing here is the only way to read them.
const source = document.getElementById('indicator-charts')
const Chart = window.Chart

if (source && Chart) {
  const charts = JSON.parse(source.textContent)
  // The page's own typeface and text colour, at a size people can read.
  Chart.defaults.font.family = window.getComputedStyle(document.querySelector('.govuk-body') || document.body).fontFamily
  Chart.defaults.font.size = 14
  Chart.defaults.color = '#0b0c0c'
  const blue = '#1d70b8'
  const grey = '#505a5f'

  for (const chart of charts) {
    const holder = document.querySelector(`[data-chart="${chart.code}"]`)
    const canvas = document.getElementById(`chart-${chart.code}`)
    if (!holder || !canvas) continue
    holder.style.position = 'relative'
    holder.style.height = '16rem'
    holder.style.marginBottom = '1rem'
    const percent = chart.unit === 'percent'
    const datasets = [{
      label: chart.title,
      data: chart.values,
      borderColor: blue,
      backgroundColor: blue,
      borderWidth: 3,
      pointRadius: 4,
      spanGaps: true,
      tension: 0
    }]
    if (chart.national !== null) {
      datasets.push({
        label: chart.nationalLabel,
        data: chart.values.map(() => chart.national),
        borderColor: grey,
        backgroundColor: grey,
        borderDash: [6, 4],
        borderWidth: 2,
        pointRadius: 0
      })
    }
    new Chart(canvas, {
      type: 'line',
      data: { labels: chart.labels, datasets },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: {
          y: {
            beginAtZero: true,
            suggestedMax: percent ? 100 : undefined,
            ticks: { callback: (value) => percent ? `${value}%` : value }
          }
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (item) => item.raw === null ? 'No cases' : `${item.dataset.label}: ${item.raw}${percent ? '%' : ''}`
            }
          }
        }
      }
    })
  }
}
